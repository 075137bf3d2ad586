#!/usr/bin/env python3
"""Check the deployment files without a Docker engine.

Checks the compose files, .env.sample, docker/Dockerfile, .dockerignore, the
nginx template and the CI workflow for the rules the deployment relies on.
Prints one line per check ("ok" / "FAIL" / "skip") and exits 1 if any check
failed, 2 if it could not run at all.

Usage: python3 .ci/check-deploy-files.py [--root PATH]
Needs PyYAML. Uses envsubst and nginx when they are installed (nginx -t is
skipped, not failed, without an nginx binary); runs as root or not.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover - depends on the machine
    print(
        "check-deploy-files: PyYAML is not installed; install it with "
        "'python3 -m pip install pyyaml' or 'apt-get install python3-yaml'.",
        file=sys.stderr,
    )
    sys.exit(2)

DEV_COMPOSE = "docker/docker-compose.yml"
DEPLOY_COMPOSE = "docker/docker-compose-deploy.yml"
ENV_SAMPLE = ".env.sample"
DOCKERFILE = "docker/Dockerfile"
DOCKERIGNORE = ".dockerignore"
NGINX_TEMPLATE = "nginx/templates/default.conf.template"
NGINX_DOCKERFILE = "nginx/Dockerfile"
WORKFLOW = ".github/workflows/ci.yml"

TEMPLATE_VARS = ("API_UPSTREAM", "NGINX_SERVER_NAME", "NGINX_CLIENT_MAX_BODY_SIZE", "NGINX_LISTEN_PORT")
PUBLISHING_SERVICE = "proxy"

NAME_RE = re.compile(r"[_A-Za-z][_A-Za-z0-9]*")
OPERATORS = (":-", ":?", ":+", "-", "?", "+")


class Report:
    def __init__(self) -> None:
        self.failed = 0
        self.passed = 0
        self.skipped = 0

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        line = f"{'ok  ' if ok else 'FAIL'}  {name}"
        if detail:
            line += f" -- {detail}"
        print(line, flush=True)
        return ok

    def skip(self, name: str, why: str) -> None:
        self.skipped += 1
        print(f"skip  {name} -- {why}", flush=True)


# --------------------------------------------------------------------------
# Compose interpolation
# --------------------------------------------------------------------------

class Ref:
    def __init__(self, name: str, op: str | None) -> None:
        self.name = name
        self.op = op

    @property
    def has_default(self) -> bool:
        return self.op in (":-", "-")


def scan_interpolation(text: str, refs: list[Ref], errors: list[str], strict: bool = True) -> None:
    """Collect ${VAR}, ${VAR<op>arg} (nested) and $VAR references, as Compose
    reads them; $$ is an escaped dollar. With strict, report bad syntax."""
    i = 0
    n = len(text)
    while i < n:
        if text[i] != "$":
            i += 1
            continue
        if text.startswith("$$", i):
            i += 2
            continue
        if text.startswith("${", i):
            depth = 0
            j = i
            while j < n:
                if text.startswith("$$", j):
                    j += 2
                    continue
                if text.startswith("${", j):
                    depth += 1
                    j += 2
                    continue
                if text[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                if strict:
                    errors.append(f"unterminated '${{' in {text!r}")
                return
            inner = text[i + 2:j]
            m = NAME_RE.match(inner)
            if not m:
                if strict:
                    errors.append(f"invalid variable '${{{inner}}}'")
            else:
                rest = inner[m.end():]
                op = next((o for o in OPERATORS if rest.startswith(o)), None)
                if rest and op is None:
                    if strict:
                        errors.append(f"unsupported expression '${{{inner}}}'")
                else:
                    refs.append(Ref(m.group(0), op))
                    if op:
                        scan_interpolation(rest[len(op):], refs, errors, strict)
            i = j + 1
            continue
        m = NAME_RE.match(text, i + 1)
        if m:
            refs.append(Ref(m.group(0), None))
            i = m.end()
        else:
            i += 1


def yaml_strings(node):
    """Every string value of a parsed YAML document (Compose interpolates
    values, not keys)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from yaml_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from yaml_strings(value)


def compose_refs(raw: str, doc) -> tuple[list[Ref], list[Ref], list[str]]:
    """References in the live configuration, references in commented-out
    lines (meant to be uncommented), and syntax errors."""
    live: list[Ref] = []
    errors: list[str] = []
    for value in yaml_strings(doc):
        scan_interpolation(value, live, errors, strict=True)
    commented: list[Ref] = []
    for line in raw.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            scan_interpolation(stripped, commented, [], strict=False)
    return live, commented, errors


def env_sample_names(path: Path) -> tuple[dict[str, int], set[str], list[str]]:
    """Defined names (with line numbers), names mentioned in commented-out
    assignments, and syntax problems."""
    defined: dict[str, int] = {}
    commented: set[str] = set()
    problems: list[str] = []
    assign = re.compile(r"^([_A-Za-z][_A-Za-z0-9]*)=(.*)$")
    commented_assign = re.compile(r"^#\s*([_A-Za-z][_A-Za-z0-9]*)=")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            m = commented_assign.match(stripped)
            if m:
                commented.add(m.group(1))
            continue
        m = assign.match(line)
        if not m:
            problems.append(f"line {number} is not KEY=value: {line!r}")
            continue
        if m.group(1) in defined:
            problems.append(f"line {number}: {m.group(1)} defined twice")
        defined[m.group(1)] = number
    return defined, commented, problems


def undocumented_env_names(path: Path, names: dict[str, int]) -> list[str]:
    """Names whose assignment has no comment line in the block above it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    missing = []
    for name, number in names.items():
        k = number - 2  # index of the line above
        documented = False
        while k >= 0 and lines[k].strip():
            if lines[k].strip().startswith("#"):
                documented = True
                break
            k -= 1
        if not documented:
            missing.append(name)
    return missing


# --------------------------------------------------------------------------
# Dockerfile
# --------------------------------------------------------------------------

def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments
    dropped."""
    instructions = []
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue  # comment lines inside a continuation are ignored
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        parts = current.split(None, 1)
        instructions.append((parts[0].upper(), parts[1] if len(parts) > 1 else ""))
        current = ""
    if current.strip():
        parts = current.split(None, 1)
        instructions.append((parts[0].upper(), parts[1] if len(parts) > 1 else ""))
    return instructions


def normalise(command: str) -> str:
    return " ".join(command.split())


def publish_commands(script: str) -> list[str]:
    """Every `dotnet publish ...` command in a shell snippet, one per
    (continuation-joined) line, cut at && / ; / ||."""
    joined = re.sub(r"\\\n", " ", script)
    found = []
    for line in joined.splitlines():
        for m in re.finditer(r"dotnet\s+publish\b", line):
            command = re.split(r"&&|\|\||;", line[m.start():])[0]
            found.append(normalise(command))
    return found


# --------------------------------------------------------------------------
# nginx
# --------------------------------------------------------------------------

def render_template(template: str, values: dict[str, str]) -> tuple[str, str]:
    """Render like the nginx image does, limited to the template variables:
    with envsubst when installed, else by plain substitution."""
    envsubst = shutil.which("envsubst")
    if envsubst:
        env = dict(os.environ)
        env.update(values)
        shell_format = " ".join("${%s}" % name for name in TEMPLATE_VARS)
        result = subprocess.run(
            [envsubst, shell_format], input=template, env=env,
            capture_output=True, text=True, check=True,
        )
        return result.stdout, "envsubst"
    pattern = re.compile(r"\$\{(" + "|".join(TEMPLATE_VARS) + r")\}")
    return pattern.sub(lambda m: values[m.group(1)], template), "python substitution"


def find_nginx() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    for candidate in ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def nginx_version(binary: str) -> tuple[int, ...]:
    out = subprocess.run([binary, "-v"], capture_output=True, text=True)
    m = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", out.stderr + out.stdout)
    return tuple(int(x) for x in m.groups()) if m else (0, 0, 0)


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_test(binary: str, conf_text: str, workdir: Path) -> tuple[bool, str]:
    """nginx -t on conf_text included in a minimal http { } wrapper, with
    every path (pid, logs, temp files) inside workdir."""
    (workdir / "conf.d").mkdir(parents=True, exist_ok=True)
    (workdir / "logs").mkdir(exist_ok=True)
    (workdir / "temp").mkdir(exist_ok=True)
    (workdir / "conf.d" / "default.conf").write_text(conf_text, encoding="utf-8")
    wrapper = f"""
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {workdir}/logs/access.log;
    client_body_temp_path {workdir}/temp/client_body;
    proxy_temp_path {workdir}/temp/proxy;
    fastcgi_temp_path {workdir}/temp/fastcgi;
    uwsgi_temp_path {workdir}/temp/uwsgi;
    scgi_temp_path {workdir}/temp/scgi;
    include {workdir}/conf.d/*.conf;
}}
"""
    (workdir / "nginx.conf").write_text(wrapper, encoding="utf-8")
    command = [binary, "-t", "-q", "-p", f"{workdir}/", "-c", str(workdir / "nginx.conf")]
    if nginx_version(binary) >= (1, 19, 5):
        command[2:2] = ["-e", str(workdir / "logs" / "error.log")]
    result = subprocess.run(command, capture_output=True, text=True)
    output = (result.stderr + result.stdout).strip().replace("\n", " | ")
    return result.returncode == 0, output


def uncommented_https_block(template: str) -> str | None:
    """The commented-out 443 server block, uncommented."""
    lines = template.splitlines()
    start = next((k for k, line in enumerate(lines) if re.match(r"^#\s*server\s*\{", line)), None)
    if start is None:
        return None
    block = []
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        block.append(re.sub(r"^# ?", "", line))
    return "\n".join(block) + "\n"


# --------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------

def load_yaml(report: Report, root: Path, relative: str):
    path = root / relative
    if not path.is_file():
        report.check(f"{relative} exists", False, "missing")
        return None, ""
    raw = path.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        report.check(f"{relative} parses as YAML", False, str(error).replace("\n", " "))
        return None, raw
    report.check(f"{relative} parses as YAML", isinstance(doc, dict), "" if isinstance(doc, dict) else "not a mapping")
    return (doc if isinstance(doc, dict) else None), raw


def check_compose(report: Report, root: Path) -> None:
    env_path = root / ENV_SAMPLE
    defined: dict[str, int] = {}
    commented_env: set[str] = set()
    if report.check(f"{ENV_SAMPLE} exists", env_path.is_file()):
        defined, commented_env, problems = env_sample_names(env_path)
        report.check(f"{ENV_SAMPLE} is KEY=value lines and comments", not problems, "; ".join(problems))
        undocumented = undocumented_env_names(env_path, defined)
        report.check(f"{ENV_SAMPLE}: every variable has a comment", not undocumented, ", ".join(undocumented))

    for relative in (DEV_COMPOSE, DEPLOY_COMPOSE):
        doc, _ = load_yaml(report, root, relative)
        if doc is not None:
            services = doc.get("services")
            report.check(f"{relative} has services", isinstance(services, dict) and bool(services))

    # Development compose: must run with no .env at all.
    doc, raw = load_yaml_quiet(root, DEV_COMPOSE)
    if doc is not None:
        live, commented, errors = compose_refs(raw, doc)
        report.check(f"{DEV_COMPOSE}: interpolation syntax", not errors, "; ".join(errors))
        no_default = sorted({r.name for r in live if not r.has_default})
        report.check(f"{DEV_COMPOSE}: every variable has a default (runs without .env)",
                     not no_default, ", ".join(no_default))
        known = set(defined) | commented_env
        undocumented = sorted({r.name for r in live + commented} - known)
        report.check(f"{DEV_COMPOSE}: every variable is listed in {ENV_SAMPLE}",
                     not undocumented, ", ".join(undocumented))
        services = doc.get("services") or {}
        api = services.get("api") or {}
        env = api.get("environment") or {}
        env = env if isinstance(env, dict) else dict(item.split("=", 1) for item in env)
        report.check(f"{DEV_COMPOSE}: api runs as Development on Postgres",
                     env.get("ASPNETCORE_ENVIRONMENT") == "Development" and env.get("Database__Provider") == "Postgres")

    # Deployment compose.
    doc, raw = load_yaml_quiet(root, DEPLOY_COMPOSE)
    if doc is None:
        return
    live, commented, errors = compose_refs(raw, doc)
    report.check(f"{DEPLOY_COMPOSE}: interpolation syntax", not errors, "; ".join(errors))
    missing = sorted({r.name for r in live} - set(defined))
    report.check(f"{DEPLOY_COMPOSE}: every variable is defined in {ENV_SAMPLE}", not missing, ", ".join(missing))
    missing_commented = sorted({r.name for r in commented} - set(defined))
    report.check(f"{DEPLOY_COMPOSE}: variables of commented-out lines are defined in {ENV_SAMPLE}",
                 not missing_commented, ", ".join(missing_commented))

    services = doc.get("services") or {}
    publishing = sorted(name for name, svc in services.items() if isinstance(svc, dict) and svc.get("ports"))
    report.check(f"{DEPLOY_COMPOSE}: only '{PUBLISHING_SERVICE}' publishes ports",
                 publishing == [PUBLISHING_SERVICE], f"services with ports: {publishing or 'none'}")
    named = sorted(name for name, svc in services.items() if isinstance(svc, dict) and "container_name" in svc)
    report.check(f"{DEPLOY_COMPOSE}: no container_name (keeps --scale possible)", not named, ", ".join(named))
    no_health = sorted(name for name in ("db", "api") if not (services.get(name) or {}).get("healthcheck"))
    report.check(f"{DEPLOY_COMPOSE}: db and api have healthchecks", not no_health, ", ".join(no_health))
    api = services.get("api") or {}
    env = api.get("environment") or {}
    env = env if isinstance(env, dict) else dict(item.split("=", 1) for item in env)
    report.check(f"{DEPLOY_COMPOSE}: api runs as Production on Postgres",
                 env.get("ASPNETCORE_ENVIRONMENT") == "Production" and env.get("Database__Provider") == "Postgres")
    env_files = api.get("env_file") or []
    env_files = [env_files] if isinstance(env_files, (str, dict)) else env_files
    paths = [item if isinstance(item, str) else item.get("path") for item in env_files]
    report.check(f"{DEPLOY_COMPOSE}: api loads ../.env", "../.env" in paths, f"env_file: {paths}")


def load_yaml_quiet(root: Path, relative: str):
    path = root / relative
    if not path.is_file():
        return None, ""
    raw = path.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(raw)
    except yaml.YAMLError:
        return None, raw
    return (doc if isinstance(doc, dict) else None), raw


def check_dockerfile(report: Report, root: Path) -> None:
    path = root / DOCKERFILE
    if not report.check(f"{DOCKERFILE} exists", path.is_file()):
        return
    instructions = dockerfile_instructions(path.read_text(encoding="utf-8"))
    stages = [k for k, (op, _) in enumerate(instructions) if op == "FROM"]
    final = instructions[stages[-1]:] if stages else instructions

    users = [args.strip() for op, args in final if op == "USER"]
    report.check(f"{DOCKERFILE}: final stage has USER (non-root)",
                 bool(users) and users[-1] not in ("root", "0", "0:0", "root:root"),
                 f"USER {users[-1]}" if users else "no USER")
    health = [args for op, args in final if op == "HEALTHCHECK"]
    report.check(f"{DOCKERFILE}: final stage has HEALTHCHECK",
                 bool(health) and health[-1].strip().upper() != "NONE" and "/health/live" in health[-1])
    exposed = " ".join(args for op, args in final if op == "EXPOSE").split()
    report.check(f"{DOCKERFILE}: EXPOSE 8080", any(p.split("/")[0] == "8080" for p in exposed), f"EXPOSE {exposed}")
    entry = [args for op, args in final if op == "ENTRYPOINT"]
    report.check(f"{DOCKERFILE}: ENTRYPOINT runs DiagnosticTests.Api.dll",
                 bool(entry) and "DiagnosticTests.Api.dll" in entry[-1], entry[-1] if entry else "none")

    docker_publish = [cmd for op, args in instructions if op == "RUN" for cmd in publish_commands(args)]
    if not report.check(f"{DOCKERFILE}: has one dotnet publish", len(docker_publish) == 1, f"{docker_publish}"):
        return
    workflow_path = root / WORKFLOW
    if not report.check(f"{WORKFLOW} exists", workflow_path.is_file()):
        return
    try:
        workflow = yaml.safe_load(workflow_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        report.check(f"{WORKFLOW} parses as YAML", False, str(error).replace("\n", " "))
        return
    ci_publish = []
    for job in (workflow.get("jobs") or {}).values():
        for step in (job or {}).get("steps") or []:
            if isinstance(step, dict) and isinstance(step.get("run"), str):
                ci_publish.extend(publish_commands(step["run"]))
    report.check(f"{WORKFLOW}: runs dotnet publish", bool(ci_publish))
    mismatched = [cmd for cmd in ci_publish if cmd != docker_publish[0]]
    report.check(f"{DOCKERFILE} and {WORKFLOW} publish with the same command",
                 bool(ci_publish) and not mismatched,
                 f"Dockerfile: '{docker_publish[0]}'" + (f"; CI: {mismatched}" if mismatched else ""))


def check_dockerignore(report: Report, root: Path) -> None:
    path = root / DOCKERIGNORE
    if not report.check(f"{DOCKERIGNORE} exists", path.is_file()):
        return
    patterns = {line.strip().rstrip("/") for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.strip().startswith("#")}
    wanted = {"**/bin", "**/obj", ".git", ".env"}
    report.check(f"{DOCKERIGNORE} excludes bin/, obj/, .git and .env everywhere",
                 wanted <= patterns, f"missing {sorted(wanted - patterns)}" if not wanted <= patterns else "")


def check_workflow(report: Report, root: Path) -> None:
    doc, _ = load_yaml(report, root, WORKFLOW)
    if doc is None:
        return
    jobs = doc.get("jobs") or {}
    missing = sorted({"lint", "test", "publish", "images"} - set(jobs))
    report.check(f"{WORKFLOW}: jobs lint, test, publish, images", not missing, f"missing {missing}" if missing else "")
    runs = " ".join(step.get("run", "") for job in jobs.values() for step in (job or {}).get("steps") or []
                    if isinstance(step, dict))
    report.check(f"{WORKFLOW}: runs this check", ".ci/check-deploy-files.py" in runs)


def check_nginx(report: Report, root: Path) -> None:
    path = root / NGINX_TEMPLATE
    if not report.check(f"{NGINX_TEMPLATE} exists", path.is_file()):
        return
    template = path.read_text(encoding="utf-8")
    live_lines = [line for line in template.splitlines() if not line.lstrip().startswith("#")]
    live = "\n".join(live_lines)

    used = set(re.findall(r"\$\{([^}]*)\}", template))
    unknown = sorted(used - set(TEMPLATE_VARS))
    report.check(f"{NGINX_TEMPLATE}: only ${{{'}, ${'.join(TEMPLATE_VARS)}}} are template variables",
                 not unknown, f"unknown: {unknown}" if unknown else "")
    absent = sorted(set(TEMPLATE_VARS) - set(re.findall(r"\$\{([^}]*)\}", live)))
    report.check(f"{NGINX_TEMPLATE}: uses all four template variables", not absent, f"unused: {absent}" if absent else "")
    image_paths = [line.strip() for line in live_lines if re.match(r"\s*include\s", line)]
    report.check(f"{NGINX_TEMPLATE}: includes no file of the image", not image_paths, "; ".join(image_paths))
    for needle, what in (
        ("$http_host", "X-Forwarded-Host from the client's Host (host:port)"),
        ("X-Forwarded-Proto $scheme", "X-Forwarded-Proto"),
        ("$proxy_add_x_forwarded_for", "X-Forwarded-For"),
        ("server_tokens off", "server_tokens off"),
        ("keepalive", "upstream keepalive"),
    ):
        report.check(f"{NGINX_TEMPLATE}: {what}", needle in live)

    nginx_dockerfile = root / NGINX_DOCKERFILE
    if report.check(f"{NGINX_DOCKERFILE} exists", nginx_dockerfile.is_file()):
        text = nginx_dockerfile.read_text(encoding="utf-8")
        report.check(f"{NGINX_DOCKERFILE}: FROM nginx:1.27-alpine, copies the templates",
                     re.search(r"^FROM\s+nginx:1\.27-alpine\b", text, re.M) is not None
                     and re.search(r"^COPY\s+templates/?\s+/etc/nginx/templates/?\s*$", text, re.M) is not None)
        report.check(f"{NGINX_DOCKERFILE}: defaults every template variable",
                     all(re.search(rf"\b{name}=", text) for name in TEMPLATE_VARS))

    port = free_loopback_port()
    values = {
        "API_UPSTREAM": "127.0.0.1:8080",
        "NGINX_SERVER_NAME": "_",
        "NGINX_CLIENT_MAX_BODY_SIZE": "1m",
        "NGINX_LISTEN_PORT": f"127.0.0.1:{port}",
    }
    try:
        rendered, how = render_template(template, values)
    except (subprocess.CalledProcessError, OSError) as error:
        report.check(f"{NGINX_TEMPLATE} renders", False, str(error))
        return
    rendered_live = "\n".join(line for line in rendered.splitlines() if not line.lstrip().startswith("#"))
    leftovers = re.findall(r"\$\{[^}]*\}", rendered_live)
    survived = all(v in rendered_live for v in ("$host", "$http_host", "$scheme", "$proxy_add_x_forwarded_for"))
    report.check(f"{NGINX_TEMPLATE} renders ({how}); nginx variables survive",
                 not leftovers and survived and f"listen 127.0.0.1:{port};" in rendered_live,
                 f"left: {leftovers}" if leftovers else ("" if survived else "an nginx $variable was substituted"))

    binary = find_nginx()
    if not binary:
        report.skip("nginx -t on the rendered template", "no nginx binary (apt-get install nginx)")
        return
    with tempfile.TemporaryDirectory(prefix="check-nginx-") as tmp:
        ok, output = nginx_test(binary, rendered, Path(tmp))
        report.check(f"nginx -t on the rendered template ({binary})", ok, "" if ok else output)

    https = uncommented_https_block(rendered)
    if https is None:
        report.check(f"{NGINX_TEMPLATE}: has a commented-out 443 server block", False)
        return
    report.check(f"{NGINX_TEMPLATE}: has a commented-out 443 server block",
                 "/etc/nginx/certs/fullchain.pem" in https and "/etc/nginx/certs/privkey.pem" in https)
    openssl = shutil.which("openssl")
    if not openssl:
        report.skip("nginx -t with the 443 block enabled", "no openssl to make a test certificate")
        return
    with tempfile.TemporaryDirectory(prefix="check-nginx-tls-") as tmp:
        tmp_path = Path(tmp)
        made = subprocess.run(
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
             "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
            capture_output=True, text=True,
        )
        if made.returncode != 0:
            report.skip("nginx -t with the 443 block enabled", "openssl could not make a test certificate")
            return
        tls = https.replace("/etc/nginx/certs/", f"{tmp_path}/")
        tls = re.sub(r"listen\s+443\b", f"listen 127.0.0.1:{free_loopback_port()}", tls)
        if nginx_version(binary) < (1, 25, 1):
            tls = re.sub(r"^\s*http2 on;\s*$", "", tls, flags=re.M)  # older nginx: no "http2" directive
        ok, output = nginx_test(binary, rendered + "\n" + tls, tmp_path / "nginx")
        report.check("nginx -t with the 443 block enabled (test certificate)", ok, "" if ok else output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="repository root (default: the parent of .ci/)")
    args = parser.parse_args()
    root = args.root.resolve()

    report = Report()
    check_compose(report, root)
    check_dockerfile(report, root)
    check_dockerignore(report, root)
    check_workflow(report, root)
    check_nginx(report, root)

    print(f"deploy-files: {report.passed} passed, {report.failed} failed, {report.skipped} skipped")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
