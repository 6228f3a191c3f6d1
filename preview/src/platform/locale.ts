// @salesforce/i18n/locale: the browser's locale stands in for the user's Salesforce locale.
export default navigator.language;
