// The panel's user-facing text, from Custom Labels so admins can translate it.
import ALERTSETTINGS_TITLE from '@salesforce/label/c.Pulse_AlertSettings_Title';
import ALERTSETTINGS_ERROR from '@salesforce/label/c.Pulse_AlertSettings_Error';
import ALERTSETTINGS_EMPTY from '@salesforce/label/c.Pulse_AlertSettings_Empty';
import ALERTSETTINGS_SUBSCRIPTIONS from '@salesforce/label/c.Pulse_AlertSettings_Subscriptions';
import ALERTSETTINGS_ADDHEADING from '@salesforce/label/c.Pulse_AlertSettings_AddHeading';
import ALERTSETTINGS_RULE from '@salesforce/label/c.Pulse_AlertSettings_Rule';
import ALERTSETTINGS_SCOPE from '@salesforce/label/c.Pulse_AlertSettings_Scope';
import ALERTSETTINGS_PARAMS from '@salesforce/label/c.Pulse_AlertSettings_Params';
import ALERTSETTINGS_ACTIVE from '@salesforce/label/c.Pulse_AlertSettings_Active';
import ALERTSETTINGS_ACTIONS from '@salesforce/label/c.Pulse_AlertSettings_Actions';
import ALERTSETTINGS_ACTIVETOGGLE from '@salesforce/label/c.Pulse_AlertSettings_ActiveToggle';
import ALERTSETTINGS_DELETE from '@salesforce/label/c.Pulse_AlertSettings_Delete';
import ALERTSETTINGS_ADD from '@salesforce/label/c.Pulse_AlertSettings_Add';
import ALERTSETTINGS_DEFAULTS from '@salesforce/label/c.Pulse_AlertSettings_Defaults';
import ALERTSETTINGS_PARAMVALUE from '@salesforce/label/c.Pulse_AlertSettings_ParamValue';
import ALERTSETTINGS_PROBLEMHEADING from '@salesforce/label/c.Pulse_AlertSettings_ProblemHeading';
import ALERTSCOPE_SELF from '@salesforce/label/c.Pulse_AlertScope_Self';
import ALERTSCOPE_TEAM from '@salesforce/label/c.Pulse_AlertScope_Team';
import ALERTRULE_DEALWON from '@salesforce/label/c.Pulse_AlertRule_DealWon';
import ALERTRULE_DEALLOST from '@salesforce/label/c.Pulse_AlertRule_DealLost';
import ALERTRULE_STAGEMOVEDBACKWARDS from '@salesforce/label/c.Pulse_AlertRule_StageMovedBackwards';
import ALERTRULE_CLOSEDATEPUSHEDOUT from '@salesforce/label/c.Pulse_AlertRule_CloseDatePushedOut';
import ALERTRULE_NOACTIVITY from '@salesforce/label/c.Pulse_AlertRule_NoActivity';
import ALERTRULE_FORECASTRISK from '@salesforce/label/c.Pulse_AlertRule_ForecastRisk';
import ALERTRULE_SYNCUNHEALTHY from '@salesforce/label/c.Pulse_AlertRule_SyncUnhealthy';
import ALERTPARAM_MINAMOUNT from '@salesforce/label/c.Pulse_AlertParam_MinAmount';
import ALERTPARAM_DAYS from '@salesforce/label/c.Pulse_AlertParam_Days';
import ALERTPARAM_MINCOVERAGE from '@salesforce/label/c.Pulse_AlertParam_MinCoverage';
import ALERTPARAM_MAXLAGSECONDS from '@salesforce/label/c.Pulse_AlertParam_MaxLagSeconds';
import ALERTPREFS_HEADING from '@salesforce/label/c.Pulse_AlertPrefs_Heading';
import ALERTPREFS_CHANNELS from '@salesforce/label/c.Pulse_AlertPrefs_Channels';
import ALERTPREFS_CHANNELEMAIL from '@salesforce/label/c.Pulse_AlertPrefs_ChannelEmail';
import ALERTPREFS_CHANNELSALESFORCE from '@salesforce/label/c.Pulse_AlertPrefs_ChannelSalesforce';
import ALERTPREFS_EMAIL from '@salesforce/label/c.Pulse_AlertPrefs_Email';
import ALERTPREFS_EMAILHELP from '@salesforce/label/c.Pulse_AlertPrefs_EmailHelp';
import ALERTPREFS_QUIETSTART from '@salesforce/label/c.Pulse_AlertPrefs_QuietStart';
import ALERTPREFS_QUIETEND from '@salesforce/label/c.Pulse_AlertPrefs_QuietEnd';
import ALERTPREFS_TIMEZONE from '@salesforce/label/c.Pulse_AlertPrefs_TimeZone';
import ALERTPREFS_DIGEST from '@salesforce/label/c.Pulse_AlertPrefs_Digest';
import ALERTPREFS_DIGESTHOUR from '@salesforce/label/c.Pulse_AlertPrefs_DigestHour';
import ALERTPREFS_SAVE from '@salesforce/label/c.Pulse_AlertPrefs_Save';
import ALERTPREFS_SAVED from '@salesforce/label/c.Pulse_AlertPrefs_Saved';
import LOADING from '@salesforce/label/c.Pulse_Loading';

export const LABELS = {
  title: ALERTSETTINGS_TITLE,
  error: ALERTSETTINGS_ERROR,
  empty: ALERTSETTINGS_EMPTY,
  subscriptions: ALERTSETTINGS_SUBSCRIPTIONS,
  addHeading: ALERTSETTINGS_ADDHEADING,
  rule: ALERTSETTINGS_RULE,
  scope: ALERTSETTINGS_SCOPE,
  params: ALERTSETTINGS_PARAMS,
  active: ALERTSETTINGS_ACTIVE,
  actions: ALERTSETTINGS_ACTIONS,
  activeToggle: ALERTSETTINGS_ACTIVETOGGLE,
  delete: ALERTSETTINGS_DELETE,
  add: ALERTSETTINGS_ADD,
  defaults: ALERTSETTINGS_DEFAULTS,
  paramValue: ALERTSETTINGS_PARAMVALUE,
  problemHeading: ALERTSETTINGS_PROBLEMHEADING,
  scopeSelf: ALERTSCOPE_SELF,
  scopeTeam: ALERTSCOPE_TEAM,
  ruleDealWon: ALERTRULE_DEALWON,
  ruleDealLost: ALERTRULE_DEALLOST,
  ruleStageMovedBackwards: ALERTRULE_STAGEMOVEDBACKWARDS,
  ruleCloseDatePushedOut: ALERTRULE_CLOSEDATEPUSHEDOUT,
  ruleNoActivity: ALERTRULE_NOACTIVITY,
  ruleForecastRisk: ALERTRULE_FORECASTRISK,
  ruleSyncUnhealthy: ALERTRULE_SYNCUNHEALTHY,
  paramMinAmount: ALERTPARAM_MINAMOUNT,
  paramDays: ALERTPARAM_DAYS,
  paramMinCoverage: ALERTPARAM_MINCOVERAGE,
  paramMaxLagSeconds: ALERTPARAM_MAXLAGSECONDS,
  prefsHeading: ALERTPREFS_HEADING,
  prefsChannels: ALERTPREFS_CHANNELS,
  prefsChannelEmail: ALERTPREFS_CHANNELEMAIL,
  prefsChannelSalesforce: ALERTPREFS_CHANNELSALESFORCE,
  prefsEmail: ALERTPREFS_EMAIL,
  prefsEmailHelp: ALERTPREFS_EMAILHELP,
  prefsQuietStart: ALERTPREFS_QUIETSTART,
  prefsQuietEnd: ALERTPREFS_QUIETEND,
  prefsTimeZone: ALERTPREFS_TIMEZONE,
  prefsDigest: ALERTPREFS_DIGEST,
  prefsDigestHour: ALERTPREFS_DIGESTHOUR,
  prefsSave: ALERTPREFS_SAVE,
  prefsSaved: ALERTPREFS_SAVED,
  loading: LOADING,
};
