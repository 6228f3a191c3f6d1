// @salesforce/i18n/timeZone: the browser's time zone stands in for the user's.
export default Intl.DateTimeFormat().resolvedOptions().timeZone;
