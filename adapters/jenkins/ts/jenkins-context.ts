/**
 * The Jenkins API requests for this build's facts (the `jenkins` npm client): its JSON and its console log; the kit
 * (kit/jenkins-helpers.ts) says what they mean. Credentials travel only in the Authorization header, never in the URL
 * (the client would echo a URL in its errors).
 */
import type { Agent } from 'node:http';
import Jenkins from 'jenkins';
import { jenkinsBuildFacts, limitedAgent, maxResponseBytes } from '@shiplog/core/kit';
import type { JenkinsBuildFacts, JenkinsBuildJson, JenkinsBuildRef } from '@shiplog/core/kit';

export async function collectBuildFacts(ref: JenkinsBuildRef): Promise<JenkinsBuildFacts> {
  const auth = Buffer.from(`${ref.user}:${ref.token}`, 'utf8').toString('base64');
  const baseUrl = ref.url.replace(/\/+$/, '');
  const protocol = new URL(baseUrl).protocol === 'https:' ? 'https:' : 'http:';
  // The `agent` option reaches http(s).request through the client's HTTP layer (papi); @types/jenkins omits it.
  const options: ConstructorParameters<typeof Jenkins>[0] & { agent: Agent } = {
    baseUrl,
    crumbIssuer: false,
    headers: { authorization: `Basic ${auth}` },
    // Answers are cut off at the response size limit (a console log of gigabytes would fill the memory).
    agent: limitedAgent(protocol, ref.maxResponseBytes ?? maxResponseBytes(undefined), () => `the Jenkins API at ${baseUrl}`),
  };
  const client = new Jenkins(options);
  const [build, text] = await Promise.all([
    client.build.get(ref.job, ref.number) as Promise<JenkinsBuildJson>,
    client.build.log(ref.job, ref.number) as Promise<string>,
  ]);
  return jenkinsBuildFacts(build, text);
}
