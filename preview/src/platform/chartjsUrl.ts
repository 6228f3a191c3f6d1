// @salesforce/resourceUrl/chartjs: the preview server serves the static resource file here.
export default '/resource/chartjs';
