// Registers toBeAccessible() (axe-core through sa11y) for every LWC test.
import { setup } from '@sa11y/jest';

setup();
