// The shared config, plus the real server for the contract test (test/contract.test.ts), writes
// included (sign-in, support, ballot): /contract-api/* reach apps/server's /api/* (scripts/contract-server.mjs).
import base from '../../web-test-runner.config.mjs';
import { withContractServer } from '../../scripts/contract-server.mjs';

export default withContractServer(base, { prefix: '/contract-api/', target: '/api/' });
