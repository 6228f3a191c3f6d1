// The demo org generator lives in demo/; this is where the emulator and its tests import it from.
export { seedDemoOrg, DEMO_USERS, type DemoOrg, type DemoOrgOptions } from './demo/index.ts';
