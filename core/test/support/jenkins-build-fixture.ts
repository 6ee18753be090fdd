// A Jenkins build's JSON as the API answers it (causes, change sets, a null action) and the API token of the tests of
// the Jenkins helpers: kit/jenkins-helpers.ts (core/test/kit-jenkins-helpers.test.ts) and the requests
// (adapters/jenkins/test/jenkins-context.test.ts).
export const TOKEN = 'jenkins-api-t0ken-42';
export const BUILD = {
  result: null,
  actions: [
    { _class: 'hudson.model.CauseAction', causes: [{ shortDescription: 'Started by user Alice', userId: 'alice' }] },
    null,
    { _class: 'hudson.plugins.git.util.BuildData' },
  ],
  changeSets: [
    {
      items: [
        { commitId: 'a1b2c3', author: { fullName: 'Alice' } },
        { commitId: 'd4e5f6', author: { fullName: 'Bob' } },
        { commitId: 'a1b2c4', author: { fullName: 'Alice' } },
      ],
    },
  ],
};
