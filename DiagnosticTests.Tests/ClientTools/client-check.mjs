// Drives a running DiagnosticTests service with a third-party OData v4 client library (@odata/client),
// authenticated the way Excel and Power BI are: a personal access token as the Basic password, or as ?api-key=.
// Every request goes through the library; the script only reads what it returns.
//
//   DT_ODATA_URL=http://127.0.0.1:5000/odata DT_TOKEN=dtpat_... node client-check.mjs
//
// Required: DT_ODATA_URL (the service root) and DT_TOKEN (a personal access token).
// Optional, for a known data set (the NUnit test ODataClientLibraryTests sets them):
//   DT_EXPECT_EMAIL      the token owner's email, as Me must report it
//   DT_EXPECT_MATCHES    JSON array: names of every test tagged fever or cough
//   DT_EXPECT_RECOMMEND  JSON array: names Recommend(tags=["fever"]) returns, in order
// Exit code 0 when every check passes (node:test).
import assert from "node:assert/strict";
import { test } from "node:test";
import odataClient from "@odata/client";

const { OData, RawString, defaultProxy } = odataClient;

const serviceRoot = required("DT_ODATA_URL").replace(/\/?$/, "/");
const token = required("DT_TOKEN");
const expectedEmail = process.env.DT_EXPECT_EMAIL;
const expectedMatches = optionalJson("DT_EXPECT_MATCHES");
const expectedRecommendation = optionalJson("DT_EXPECT_RECOMMEND");

const feverOrCough = "Tags/any(t: t/Name in ('fever','cough'))";
const pageSize = 2;

/**
 * A v4 client whose requests authenticate with `auth` ("basic", "api-key" or "none"); `seen` collects every
 * HTTP response the library received, so a check can look at status codes the library does not surface.
 */
function newClient({ auth, password = token, headers = {} }) {
  const seen = [];
  const client = OData.New4({
    serviceEndpoint: serviceRoot,
    // Excel's OData feed dialog: Basic, any user name, the token as password.
    credential: auth === "basic" ? { username: "client-check", password } : undefined,
    commonHeaders: headers,
    fetchProxy: async (url, init) => {
      const result = await defaultProxy(url, init);
      seen.push({ url, method: init?.method ?? "GET", status: result.response.status, headers: result.response.headers });
      return result;
    },
  });
  // Power BI's ApiKeyName: the token as a query parameter on every request.
  const params = () => (auth === "api-key" ? client.newParam().custom("api-key", password) : client.newParam());
  return { client, params, seen };
}

function last(seen) {
  assert.ok(seen.length > 0, "the library sent no request");
  return seen[seen.length - 1];
}

function assertNoError(body, what) {
  assert.equal(typeof body, "object", `${what}: expected a JSON body, got ${String(body).slice(0, 300)}`);
  assert.equal(body.error, undefined, `${what}: the service answered ${JSON.stringify(body.error)}`);
}

test("lists tests tagged fever or cough with $filter, $expand and $count, following every nextLink (Basic auth)", async () => {
  const { client, params, seen } = newClient({ auth: "basic", headers: { Prefer: `odata.maxpagesize=${pageSize}` } });

  let page = await client.newRequest({
    collection: "DiagnosticTests",
    params: params().filter(feverOrCough).expand("Tags").count(true),
  });
  assertNoError(page, "first page");
  const total = page["@odata.count"];
  assert.equal(typeof total, "number", "the first page carries @odata.count");

  const timesSeen = new Map();
  let pages = 0;
  for (;;) {
    pages++;
    assert.ok(page.value.length <= pageSize, `page ${pages} has ${page.value.length} entities; Prefer: odata.maxpagesize=${pageSize} was sent`);
    for (const entity of page.value) {
      timesSeen.set(entity.Name, (timesSeen.get(entity.Name) ?? 0) + 1);
      const tagNames = (entity.Tags ?? []).map((t) => t.Name.toLowerCase());
      assert.ok(tagNames.includes("fever") || tagNames.includes("cough"), `${entity.Name} came with Tags [${tagNames}]`);
    }

    const nextLink = page["@odata.nextLink"];
    if (!nextLink) {
      break;
    }
    // The library builds URLs from the service root, so a next link is followed as a path below it.
    assert.ok(nextLink.startsWith(serviceRoot), `@odata.nextLink ${nextLink} is not below the service root ${serviceRoot}`);
    assert.ok(pages < 100, "more than 100 pages: the next links never end");
    page = await client.newRequest({ collection: nextLink.slice(serviceRoot.length) });
    assertNoError(page, `page ${pages + 1}`);
  }

  const duplicates = [...timesSeen].filter(([, times]) => times > 1).map(([name]) => name);
  assert.deepEqual(duplicates, [], "entities seen on more than one page");
  assert.equal(timesSeen.size, total, "entities seen across all pages vs @odata.count");
  assert.equal(pages, Math.max(1, Math.ceil(total / pageSize)), `pages for ${total} entities at ${pageSize} a page`);
  if (expectedMatches) {
    assert.deepEqual([...timesSeen.keys()].sort(), [...expectedMatches].sort(), "tests tagged fever or cough");
  }
  assert.ok(seen.every((r) => r.status === 200), `statuses: ${seen.map((r) => r.status)}`);
});

test("reads the Me singleton (Basic auth)", async () => {
  const { client } = newClient({ auth: "basic" });

  const me = await client.newRequest({ collection: "Me" });

  assertNoError(me, "Me");
  assert.match(me["@odata.context"], /\$metadata#Me$/);
  assert.equal(typeof me.Id, "number");
  assert.equal(me.IsActive, true);
  if (expectedEmail) {
    assert.equal(me.Email, expectedEmail);
  }
  assert.ok(!Object.keys(me).some((k) => /password/i.test(k)), `Me exposes ${Object.keys(me)}`);
});

test("calls the bound function Recommend with the tags as a parameter alias (Basic auth)", async () => {
  const { client, params } = newClient({ auth: "basic" });

  // GET DiagnosticTests/DiagnosticTests.Recommend(tags=@t)?@t=["fever"]; the library has no call for
  // collection-bound functions, so the binding set goes in front of the function name.
  const result = await client.newRequest({
    functionName: "DiagnosticTests/DiagnosticTests.Recommend",
    parameters: { tags: RawString.from("@t") },
    params: params().custom("@t", JSON.stringify(["fever"])),
  });

  assertNoError(result, "Recommend");
  assert.ok(result.value.length > 0, "Recommend found nothing for fever");
  for (const recommendation of result.value) {
    assert.equal(recommendation.Score, 1, `${recommendation.Name}: one of one requested tags matched`);
    assert.deepEqual(recommendation.MatchedTags, ["fever"]);
  }
  if (expectedRecommendation) {
    assert.deepEqual(result.value.map((r) => r.Name), expectedRecommendation, "Recommend order");
  }
});

test("authenticates with the api-key query parameter, which never reappears in a next link", async () => {
  const { client, params } = newClient({ auth: "api-key", headers: { Prefer: "odata.maxpagesize=1" } });

  const page = await client.newRequest({ collection: "DiagnosticTests", params: params().filter(feverOrCough).count(true) });

  assertNoError(page, "DiagnosticTests with api-key");
  assert.equal(page.value.length, 1);
  if (page["@odata.count"] > 1) {
    assert.ok(page["@odata.nextLink"], "a next link when there is more than one page");
  }
  assert.ok(!(page["@odata.nextLink"] ?? "").includes(token), "the next link carries the token");
  assert.ok(!(page["@odata.nextLink"] ?? "").includes("api-key"), "the next link carries the api-key parameter");
});

for (const auth of ["basic", "api-key"]) {
  test(`a write with the token (${auth}) is refused with 403`, async () => {
    const { client, params, seen } = newClient({ auth });

    // Invalid on purpose (no Name): should a server ever let the token write, it still stores nothing.
    const body = await client.newRequest({
      collection: "DiagnosticTests",
      method: "POST",
      params: params(),
      entity: { Category: "Laboratory" },
    });

    assert.equal(last(seen).status, 403, `POST answered ${last(seen).status}: ${JSON.stringify(body)}`);
    assert.equal(typeof body?.error?.message, "string", "an OData error body");
  });
}

test("an unknown token is refused with 401 and a Basic challenge", async () => {
  const { client, seen } = newClient({ auth: "basic", password: "dtpat_not-a-real-token" });

  const body = await client.newRequest({ collection: "DiagnosticTests", params: client.newParam().top(1) });

  assert.equal(last(seen).status, 401, `GET answered ${last(seen).status}: ${JSON.stringify(body)}`);
  assert.match(last(seen).headers.get("www-authenticate") ?? "", /Basic realm="DiagnosticTests"/);
});

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name}. Usage: DT_ODATA_URL=http://host/odata DT_TOKEN=<personal access token> node client-check.mjs`);
    process.exit(2);
  }
  return value;
}

function optionalJson(name) {
  const value = process.env[name];
  return value ? JSON.parse(value) : undefined;
}
