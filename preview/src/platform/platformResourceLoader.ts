// lightning/platformResourceLoader in the preview: each URL is loaded once per page, as in an org.
const loaded = new Map<string, Promise<void>>();

function once(url: string, create: () => HTMLScriptElement | HTMLLinkElement): Promise<void> {
  let promise = loaded.get(url);
  if (!promise) {
    promise = new Promise((resolve, reject) => {
      const element = create();
      element.onload = () => resolve();
      element.onerror = () => reject(new Error(`Could not load ${url}`));
      document.head.appendChild(element);
    });
    loaded.set(url, promise);
  }
  return promise;
}

export function loadScript(_component: unknown, url: string): Promise<void> {
  return once(url, () => Object.assign(document.createElement('script'), { src: url }));
}

export function loadStyle(_component: unknown, url: string): Promise<void> {
  return once(url, () => Object.assign(document.createElement('link'), { rel: 'stylesheet', href: url }));
}
