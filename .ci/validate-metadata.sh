#!/usr/bin/env bash
# Starts the built API (Release) on a loopback port with a throwaway SQLite database, fetches /odata/$metadata
# as CSDL XML and CSDL JSON, and validates them with the OASIS OData TC's tools from the pinned npm package
# odata-csdl: xmllint against its edmx.xsd/edm.xsd, its strict XML -> JSON conversion, and its CSDL JSON schema.
# Run after `dotnet build -c Release`. Exits non-zero when anything does not validate.
set -euo pipefail
cd "$(dirname "$0")/.."

root=$(pwd)
tools=DiagnosticTests.Tests/ClientTools
bin=DiagnosticTests.Api/bin/Release/net10.0
if [ ! -f "$bin/DiagnosticTests.Api.dll" ]; then
  echo "FAIL $bin/DiagnosticTests.Api.dll is missing: run 'dotnet build DiagnosticTests.sln -c Release' first" >&2
  exit 1
fi

if ! command -v xmllint >/dev/null 2>&1; then
  echo "Installing xmllint (libxml2-utils)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi

echo "npm ci in $tools"
(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)

work=$(mktemp -d)
api_pid=
stop() {
  if [ -n "$api_pid" ]; then
    kill "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base="http://127.0.0.1:$port"
# Production, as deployed: it needs a signing key, which nothing here uses, so a random one.
signing_key=$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64"))')
# From the output folder, so the API finds its appsettings.json as it does when deployed.
(
  cd "$bin"
  exec env ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey="$signing_key" \
    Database__Provider=Sqlite ConnectionStrings__DiagnosticTests="Data Source=$work/metadata-check.db" \
    Seed__Catalogue=false dotnet DiagnosticTests.Api.dll --urls "$base"
) >"$work/api.log" 2>&1 &
api_pid=$!

for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$api_pid" 2>/dev/null; then
    echo "FAIL the API exited before it was ready:" >&2
    cat "$work/api.log" >&2
    exit 1
  fi
  sleep 1
done
if ! curl -fsS -o /dev/null "$base/health/ready"; then
  echo "FAIL $base/health/ready did not answer 200 within 60 s:" >&2
  tail -n 50 "$work/api.log" >&2
  exit 1
fi

curl -fsS -o "$work/metadata.xml" "$base/odata/\$metadata"
curl -fsS -o "$work/metadata.json" "$base/odata/\$metadata?\$format=json"
echo "Fetched $base/odata/\$metadata as CSDL XML ($(wc -c <"$work/metadata.xml") bytes) and CSDL JSON ($(wc -c <"$work/metadata.json") bytes)"

status=0
schemas="$tools/node_modules/odata-csdl/schemas"
if xmllint --noout --nonet --schema "$schemas/edmx.xsd" "$work/metadata.xml" 2>"$work/xmllint.txt"; then
  echo "ok   \$metadata (CSDL XML) against the OASIS EDMX/EDM XML schemas (odata-csdl edmx.xsd + edm.xsd, xmllint)"
else
  echo "FAIL \$metadata (CSDL XML) against the OASIS EDMX/EDM XML schemas (odata-csdl edmx.xsd + edm.xsd, xmllint):" >&2
  sed 's/^/     /' "$work/xmllint.txt" >&2
  status=1
fi

(cd "$work" && node "$root/$tools/validate-metadata.mjs" metadata.xml metadata.json) || status=1

if [ "$status" -ne 0 ]; then
  echo "FAIL \$metadata does not validate; the document was:" >&2
  cat "$work/metadata.xml" >&2
  echo >&2
fi
exit "$status"
