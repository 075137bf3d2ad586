// Checks a service's CSDL with the OASIS OData TC's own tooling (npm package odata-csdl):
//   1. the CSDL XML converts to CSDL JSON in strict mode (any CSDL error aborts the conversion), and the
//      result validates against the OASIS CSDL JSON schema;
//   2. the service's own CSDL JSON ($metadata?$format=json), when given, validates against that schema too.
// The XML Schema check (edmx.xsd / edm.xsd from the same package) is xmllint's job: see .ci/validate-metadata.sh.
//
//   node validate-metadata.mjs metadata.xml [metadata.json]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";
import csdl from "odata-csdl";

const require = createRequire(import.meta.url);
const csdlVersion = require("odata-csdl/package.json").version;
const jsonSchema = require("odata-csdl/schemas/csdl.schema.json");

const [xmlFile, jsonFile] = process.argv.slice(2);
if (!xmlFile) {
  console.error("Usage: node validate-metadata.mjs metadata.xml [metadata.json]");
  process.exit(2);
}

const validateJson = new Ajv({ allErrors: true }).compile(jsonSchema);
let failed = false;

function check(what, run) {
  try {
    const problems = run();
    if (problems.length === 0) {
      console.log(`ok   ${what}`);
      return;
    }
    console.error(`FAIL ${what}`);
    problems.forEach((p) => console.error(`     ${p}`));
  } catch (e) {
    const where = e.parser ? ` (line ${e.parser.line}, column ${e.parser.column})` : "";
    console.error(`FAIL ${what}\n     ${e.message}${where}`);
  }
  failed = true;
}

function schemaProblems(document) {
  return validateJson(document) ? [] : validateJson.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
}

let converted;
check(`${xmlFile}: strict CSDL XML -> CSDL JSON conversion (odata-csdl ${csdlVersion})`, () => {
  converted = csdl.xml2json(readFileSync(xmlFile), { strict: true });
  return [];
});
if (converted) {
  check(`${xmlFile}: converted CSDL JSON against the OASIS CSDL JSON schema (csdl.schema.json)`, () => schemaProblems(converted));
}
if (jsonFile) {
  check(`${jsonFile}: the service's CSDL JSON against the OASIS CSDL JSON schema (csdl.schema.json)`, () =>
    schemaProblems(JSON.parse(readFileSync(jsonFile, "utf8"))));
}

process.exit(failed ? 1 : 0);
