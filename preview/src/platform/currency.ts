// @salesforce/i18n/currency: the preview's user has a USD profile.
export default 'USD';
