// The components are type-checked in force-app; here they are only constructors for createElement.
declare module 'c/*' {
  import { LightningElement } from 'lwc';
  export default class Component extends LightningElement {}
}
