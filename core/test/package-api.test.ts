// The package boundary: @shiplog/core resolves (from its sources inside the repository) and exports the documented API.
import { describe, expect, it } from 'vitest';
import * as core from '@shiplog/core';

describe('@shiplog/core API', () => {
  it("exports execute, the Host, the input table, the report model and the backends' open functions", () => {
    for (const name of [
      'execute',
      'registerSecrets',
      'createHost',
      'Redactor',
      'INPUTS',
      'INPUT_TABLE',
      'platformParams',
      'OUTPUTS',
      'buildReport',
      'renderMarkdown',
      'renderText',
      'renderHtml',
      'renderOutputs',
      'openBackend',
      'ShiplogError',
      'FailedDeploymentError',
    ]) {
      expect(core, name).toHaveProperty(name);
    }
  });
});
