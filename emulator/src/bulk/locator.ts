// Result and job-list locators: the base64 of an offset, as Salesforce's look (MTAwMDA is 10000). A
// locator names the same rows for as long as its job exists, so it can be fetched again.

export const encodeLocator = (offset: number): string =>
  Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');

/** The offset a locator stands for, or undefined for anything this org did not issue. */
export function decodeLocator(locator: string): number | undefined {
  const offset = Number(Buffer.from(locator, 'base64').toString());
  return Number.isSafeInteger(offset) && offset >= 0 && encodeLocator(offset) === locator ? offset : undefined;
}
