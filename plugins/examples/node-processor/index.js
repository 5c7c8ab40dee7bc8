// An out-of-process Sluice processor in Node.js: serves sluice.v1.ProcessorPlugin
// (proto/src/main/protobuf/sluice/v1/processor_plugin.proto) and upper-cases one text field of
// each JSON object value, like the Java example. The worker starts it from plugin.yaml and passes
// the port in SLUICE_PLUGIN_PORT (or --port N when run by hand).
'use strict';

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO = path.join(__dirname, '..', '..', '..', 'proto', 'src', 'main', 'protobuf',
  'sluice', 'v1', 'processor_plugin.proto');

const CONFIG_SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    field: { type: 'string', default: 'name', description: 'top-level field of the value to upper-case' },
  },
  additionalProperties: false,
});

/** Reads the stream's config; throws an Error naming the field, the value and the fix. */
function parseConfig(configJson) {
  let config;
  try {
    config = configJson.trim() === '' ? {} : JSON.parse(configJson);
  } catch (e) {
    throw new Error(`config: not JSON (${e.message}); write an object such as {"field": "name"}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(`config: ${configJson} is not an object; write {"field": "name"}`);
  }
  for (const name of Object.keys(config)) {
    if (name !== 'field') {
      throw new Error(`config.${name}: unknown field; the only field is 'field'`);
    }
  }
  const field = config.field === undefined ? 'name' : config.field;
  if (typeof field !== 'string' || field === '') {
    throw new Error(`config.field: ${JSON.stringify(field)} is not a field name; `
      + 'write the name of a text field, e.g. {"field": "name"}');
  }
  return field;
}

/** The value with the field upper-cased; throws on bad data (a permanent error). */
function uppercase(field, valueBytes) {
  let value;
  try {
    value = JSON.parse(valueBytes.toString('utf8'));
  } catch (e) {
    throw new Error(`value is not JSON: ${e.message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`value ${JSON.stringify(value)} is not a JSON object; ${field} needs one`);
  }
  const text = value[field];
  if (text === undefined || text === null) {
    return valueBytes;
  }
  if (typeof text !== 'string') {
    throw new Error(`field '${field}' is ${JSON.stringify(text)}, not text; only text can be upper-cased`);
  }
  value[field] = text.toUpperCase();
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function transform(field, record) {
  if (record.value === undefined || record.value === null) {
    return { output: { records: [record] } };
  }
  try {
    return { output: { records: [{ ...record, value: uppercase(field, record.value) }] } };
  } catch (e) {
    return { error: { kind: 'ERROR_KIND_PERMANENT', message: e.message } };
  }
}

function describe(call, callback) {
  callback(null, {
    name: 'uppercase',
    summary: 'Upper-cases one text field of each JSON object value.',
    configSchemaJson: CONFIG_SCHEMA,
  });
}

/** One Process stream: configure first, then answer every batch at once, in order. */
function processStream(call) {
  let field = null;
  const refuse = (message) => {
    console.error(`refusing the stream: ${message}`);
    // grpc-js turns an 'error' event on a server stream into the stream's final status.
    call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: message });
  };
  call.on('data', (request) => {
    if (request.configure) {
      try {
        field = parseConfig(request.configure.configJson);
        console.log(`stream configured: ${request.configure.configJson}`);
      } catch (e) {
        refuse(e.message);
      }
    } else if (request.batch) {
      if (field === null) {
        refuse('a batch came before configure; send configure first');
        return;
      }
      const results = request.batch.records.map((record) => transform(field, record));
      call.write({ batchId: request.batch.batchId, results });
    }
  });
  call.on('end', () => call.end());
  call.on('cancelled', () => console.log('stream cancelled by the worker'));
}

function port() {
  const flag = process.argv.indexOf('--port');
  const text = flag >= 0 ? process.argv[flag + 1] : process.env.SLUICE_PLUGIN_PORT;
  const number = Number(text);
  if (!Number.isInteger(number) || number < 1 || number > 65535) {
    console.error(`port '${text}' is not usable; pass --port N or set SLUICE_PLUGIN_PORT to 1-65535`);
    process.exit(2);
  }
  return number;
}

function main() {
  const definition = protoLoader.loadSync(PROTO, {
    // batch_id is an int64: keep it exact as a string, enums as their names.
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const sluice = grpc.loadPackageDefinition(definition).sluice.v1;
  const server = new grpc.Server();
  server.addService(sluice.ProcessorPlugin.service, { describe, process: processStream });
  const host = process.env.SLUICE_PLUGIN_HOST || '127.0.0.1';
  const address = `${host}:${port()}`;
  server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error) => {
    if (error) {
      console.error(`cannot listen on ${address}: ${error.message}`);
      process.exit(1);
    }
    console.log(`uppercase plugin listening on ${address}`);
  });
  process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
}

main();
