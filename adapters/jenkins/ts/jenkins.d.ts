// Minimal types for the `jenkins` npm client (it ships none): only what ts/jenkins-context.ts uses.
declare module 'jenkins' {
  interface JenkinsOptions {
    baseUrl: string;
    crumbIssuer?: boolean;
    headers?: Record<string, string>;
    promisify?: boolean;
    /** Passed to http(s).request by its HTTP layer (papi). */
    agent?: import('node:http').Agent;
  }
  class Jenkins {
    constructor(opts: JenkinsOptions);
    build: {
      get(name: string, number: number): Promise<unknown>;
      log(name: string, number: number): Promise<unknown>;
    };
  }
  export default Jenkins;
}
