#!/usr/bin/env python3
"""Offline checks of the deployment files (no Docker, no Prometheus or Grafana server needed).

    python3 monitoring/validate.py          # from the repository root; needs PyYAML (python3-yaml)

- every YAML and JSON file parses: docker-compose.yml, monitoring/prometheus.yml, the Grafana provisioning
  files and dashboards;
- dashboards: unique uids, unique panel ids, panels inside the 24-column grid and not overlapping, every
  panel and query on the Prometheus datasource (uid "prometheus") or the PostgreSQL one (uid "indicator-db"),
  every $variable defined;
- SQL (dashboards by quarter): every query has rawSql and filters on $run, every indicator key it names is a
  key of docs/indicators.md with the scope of the view it reads (indicator_national N, indicator_region R,
  indicator_sector S);
- PromQL: every metric name is one the services expose (list below), every `indicator` label value is a
  key of docs/indicators.md with the right scope (N national, R region, S sector) and one the
  indicator-service exports for that metric; with promtool on the PATH each expression is also
  parsed by `promtool check rules`;
- compose against the rest: service ports (${<NAME>_PORTS:-port}, no container_name, so --scale works) =
  HTTP_PORT = Prometheus DNS targets, one database per service in
  deploy/postgres-init.sql, the topics of deploy/create-topics.sh = org.ngai.events.Topics, every mounted
  file exists.
Exit code 0 when everything holds; the problems are printed otherwise.

These checks are offline and structural. e2e-tests/src/test/java/org/ngai/e2e/DashboardIT.java checks the same
dashboards against real things: their SQL against PostgreSQL after a pipeline run, their PromQL against a
Prometheus scraping the running services.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVICES = {"firm-service": 8081, "factor-service": 8082, "market-service": 8083, "indicator-service": 8084}
DATABASES = {"firm-service": "firm", "factor-service": "factor", "market-service": "market",
             "indicator-service": "indicator"}

# metric names the services expose (Micrometer -> Prometheus naming)
METRICS = {
    "transform_indicator", "transform_region_indicator", "transform_sector_indicator", "transform_run_tick",
    "transform_dead_letters_seen_total", "transform_dead_letters_total", "transform_duplicate_events_total",
    "transform_phase_seconds_count", "transform_phase_seconds_sum", "transform_phase_seconds_max",
    "transform_active_runs", "transform_indicator_runs", "transform_ticks_aggregated_total",
    "transform_market_clearings_total",
    "up",  # Prometheus' own per-target series
}
METRIC_PREFIXES = ("jvm_", "http_server_requests_seconds_", "kafka_consumer_")
# what IndicatorGauges exports per metric (REGION_KEYS, SECTOR_KEYS)
REGION_KEYS = {"stage.intelligent", "ai.penetration", "labour.unemployment", "coordination.degree", "vendors.share",
               "market.fin.regime", "market.tech.regime", "market.lab.regime"}
SECTOR_KEYS = {"ai.penetration", "stage.intelligent", "labour.costShare", "concentration.hhi"}
INDICATOR_SCOPE = {"transform_indicator": "N", "transform_region_indicator": "R", "transform_sector_indicator": "S"}
SQL_VIEW_SCOPE = {"indicator_national": "N", "indicator_region": "R", "indicator_sector": "S"}
DATASOURCES = {"prometheus": "prometheus", "indicator-db": "grafana-postgresql-datasource"}
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "or", "and", "unless",
                "offset", "inf", "nan"}

problems = []


def problem(msg):
    problems.append(msg)


def path(*p):
    return os.path.join(ROOT, *p)


def load_yaml(rel):
    try:
        with open(path(rel), encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        problem(f"{rel}: {e}")
        return None


def indicator_scopes():
    scopes = {}
    with open(path("docs", "indicators.md"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\|\s*`([^`]+)`\s*\|[^|]*\|\s*([NRS]+)\s*\|", line)
            if m:
                scopes[m.group(1)] = m.group(2)
    if not scopes:
        problem("docs/indicators.md: no indicator rows found")
    return scopes


def strip_promql(expr):
    """Removes strings, label matchers and range selectors: what is left are names, functions and operators."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    e = re.sub(r"\{[^{}]*\}", " ", e)
    e = re.sub(r"\[[^\]]*\]", " ", e)
    return e


def metric_names(expr):
    e = strip_promql(expr)
    # grouping clauses list label names, not metrics
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        word = m.group(0)
        rest = e[m.end():].lstrip()
        if rest.startswith("("):  # a function or aggregation
            continue
        if word.lower() in PROMQL_WORDS or word.startswith("__"):
            continue
        if re.fullmatch(r"\d+[smhdwy]?", word):
            continue
        names.add(word)
    return names


def selectors(expr):
    """(metric, {label: (op, value)}) for every selector with a label matcher block."""
    out = []
    for m in re.finditer(r"([A-Za-z_:][A-Za-z0-9_:]*)\s*\{([^{}]*)\}", expr):
        labels = {}
        for lm in re.finditer(r'([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"', m.group(2)):
            labels[lm.group(1)] = (lm.group(2), lm.group(3))
        out.append((m.group(1), labels))
    return out


def grafana_to_promql(expr):
    """Replaces Grafana's macros and variables so that promtool can parse the expression."""
    e = expr.replace("$__rate_interval", "20s").replace("$__range", "1h").replace("$__interval", "5s")
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", "x", e)


def walk_panels(panels):
    for p in panels:
        yield p
        yield from walk_panels(p.get("panels", []))


def check_dashboards(scopes, exprs_out):
    files = sorted(glob.glob(path("monitoring", "grafana", "dashboards", "*.json")))
    if not files:
        problem("monitoring/grafana/dashboards: no dashboards")
    uids = {}
    for fpath in files:
        rel = os.path.relpath(fpath, ROOT)
        try:
            with open(fpath, encoding="utf-8") as f:
                d = json.load(f)
        except (OSError, json.JSONDecodeError) as e:
            problem(f"{rel}: {e}")
            continue
        for key in ("uid", "title", "panels", "schemaVersion", "templating"):
            if key not in d:
                problem(f"{rel}: no {key}")
        if d.get("uid") in uids:
            problem(f"{rel}: uid {d.get('uid')} also used by {uids[d.get('uid')]}")
        uids[d.get("uid")] = rel
        variables = {v["name"]: v for v in d.get("templating", {}).get("list", [])}
        builtins = {"__rate_interval", "__range", "__interval", "__all", "__name", "__timeFilter", "__timeFrom", "__timeTo",
                    "__time"}
        ids = set()
        cells = {}
        for p in walk_panels(d.get("panels", [])):
            pid = p.get("id")
            where = f"{rel} panel {pid} '{p.get('title')}'"
            if pid in ids:
                problem(f"{rel}: duplicate panel id {pid}")
            ids.add(pid)
            g = p.get("gridPos", {})
            x, y, w, h = g.get("x", 0), g.get("y", 0), g.get("w", 0), g.get("h", 0)
            if w <= 0 or h <= 0 or x < 0 or x + w > 24:
                problem(f"{where}: gridPos {g} outside the 24-column grid")
            for cx in range(x, x + w):
                for cy in range(y, y + h):
                    if (cx, cy) in cells:
                        problem(f"{where}: overlaps panel {cells[(cx, cy)]}")
                        break
                    cells[(cx, cy)] = pid
                else:
                    continue
                break
            if p.get("type") == "row":
                continue
            ds = p.get("datasource", {})
            if DATASOURCES.get(ds.get("uid")) != ds.get("type"):
                problem(f"{where}: datasource {ds} is neither prometheus nor indicator-db")
            texts = [p.get("title", "")]
            for t in p.get("targets", []):
                tds = t.get("datasource", {})
                if tds != {"type": ds.get("type"), "uid": ds.get("uid")}:
                    problem(f"{where}: target {t.get('refId')} datasource {tds} differs from the panel's")
                if tds.get("uid") == "indicator-db":
                    sql = t.get("rawSql", "")
                    texts.append(sql)
                    check_sql(where, sql, scopes, variables)
                    continue
                expr = t.get("expr", "")
                if not expr:
                    problem(f"{where}: target {t.get('refId')} has no expr")
                    continue
                texts.append(expr)
                exprs_out.append((where, expr))
                for name in metric_names(expr):
                    if name not in METRICS and not name.startswith(METRIC_PREFIXES):
                        problem(f"{where}: unknown metric {name} in {expr}")
                for metric, labels in selectors(expr):
                    if "indicator" not in labels or metric not in INDICATOR_SCOPE:
                        continue
                    op, value = labels["indicator"]
                    keys = variables["indicator"]["query"].split(",") if value == "$indicator" and \
                        "indicator" in variables else value.split("|")
                    for key in keys:
                        scope = INDICATOR_SCOPE[metric]
                        if key not in scopes:
                            problem(f"{where}: indicator {key} is not in docs/indicators.md")
                        elif scope not in scopes[key]:
                            problem(f"{where}: indicator {key} has no scope {scope} ({scopes[key]})")
                        if metric == "transform_region_indicator" and key not in REGION_KEYS:
                            problem(f"{where}: indicator {key} is not exported per region")
                        if metric == "transform_sector_indicator" and key not in SECTOR_KEYS:
                            problem(f"{where}: indicator {key} is not exported per sector")
            for text in texts:
                for var in re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", text):
                    if var not in variables and var not in builtins:
                        problem(f"{where}: variable ${var} is not defined")
        for v in variables.values():
            q = v.get("query")
            q = q.get("query") if isinstance(q, dict) else q
            if v.get("type") == "query" and v.get("datasource", {}).get("uid") == "indicator-db":
                check_sql(f"{rel}: variable {v['name']}", q or "", scopes, variables, run_filter=v["name"] != "run")
            elif v.get("type") == "query":
                for name in metric_names(re.sub(r"label_values\((.*)\)", r"\1", q or "")):
                    if name not in METRICS and not name.startswith(METRIC_PREFIXES) and name not in (
                            "run", "scenario", "indicator", "region", "sector", "service"):
                        problem(f"{rel}: variable {v['name']}: unknown metric {name}")
    return uids


def check_sql(where, sql, scopes, variables, run_filter=True):
    """Static checks of a query on the PostgreSQL datasource (the real check is DashboardIT)."""
    if not sql.strip():
        problem(f"{where}: SQL target without rawSql")
        return
    if run_filter and "$run" not in sql:
        problem(f"{where}: the query does not filter on $run")
    views = [v for v in SQL_VIEW_SCOPE if re.search(rf"\b{v}\b", sql)]
    keys = set(re.findall(r"indicator\s*=\s*'([^']+)'", sql))
    for m in re.finditer(r"indicator\s+IN\s*\(([^)]*)\)", sql):
        keys |= set(re.findall(r"'([^']+)'", m.group(1)))
    if "$indicator" in sql and "indicator" in variables:
        keys |= set(variables["indicator"]["query"].split(","))
        keys.discard("$indicator")
    for key in keys:
        if key not in scopes:
            problem(f"{where}: indicator {key} is not in docs/indicators.md")
            continue
        for view in views:
            if SQL_VIEW_SCOPE[view] not in scopes[key]:
                problem(f"{where}: indicator {key} has no scope {SQL_VIEW_SCOPE[view]} ({scopes[key]}) for {view}")


def check_promtool(exprs):
    promtool = shutil.which("promtool")
    if not promtool:
        print("promtool not found: PromQL syntax not checked")
        return
    rules = {"groups": [{"name": "dashboards", "rules": [
        {"record": f"check:expr_{i}", "expr": grafana_to_promql(e)} for i, (_, e) in enumerate(exprs)]}]}
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        yaml.safe_dump(rules, f)
        name = f.name
    try:
        r = subprocess.run([promtool, "check", "rules", name], capture_output=True, text=True)
        if r.returncode != 0:
            failed = {int(n) for n in re.findall(r"check:expr_(\d+)", r.stdout + r.stderr)}
            where = "".join(f"\n   expr_{i}: {exprs[i][0]}: {exprs[i][1]}" for i in sorted(failed) if i < len(exprs))
            problem("promtool check rules failed:\n" + r.stdout + r.stderr + where)
        else:
            print(f"promtool: {len(exprs)} dashboard expressions parse")
        r = subprocess.run([promtool, "check", "config", path("monitoring", "prometheus.yml")],
                           capture_output=True, text=True)
        if r.returncode != 0:
            problem("promtool check config failed:\n" + r.stdout + r.stderr)
        else:
            print("promtool: monitoring/prometheus.yml is valid")
    finally:
        os.unlink(name)


def check_compose():
    c = load_yaml("docker-compose.yml")
    prom = load_yaml("monitoring/prometheus.yml")
    for rel in glob.glob(path("monitoring", "grafana", "provisioning", "*", "*.yml")):
        load_yaml(os.path.relpath(rel, ROOT))
    if not c or not prom:
        return
    svcs = c.get("services", {})
    for name in ("kafka", "topics-init", "postgres", *SERVICES, "prometheus", "grafana"):
        if name not in svcs:
            problem(f"docker-compose.yml: no service {name}")
    # jobs discover every replica of a compose service by DNS (dns_sd_configs, type A, the service's port)
    targets = {j["job_name"]: (j.get("metrics_path"), f"{n}:{sd.get('port')}")
               for j in prom.get("scrape_configs", []) for sd in j.get("dns_sd_configs", [])
               if sd.get("type") == "A" for n in sd.get("names", [])}
    with open(path("deploy", "postgres-init.sql"), encoding="utf-8") as f:
        dbs = set(re.findall(r"CREATE DATABASE (\w+)", f.read(), re.I))
    for name, port in SERVICES.items():
        s = svcs.get(name, {})
        env = s.get("environment", {})
        if str(env.get("HTTP_PORT")) != str(port):
            problem(f"docker-compose.yml: {name} HTTP_PORT {env.get('HTTP_PORT')} != {port}")
        # host port from <NAME>_PORTS (a range when scaled), default the service's own port
        var = name.upper().replace("-", "_") + "_PORTS"
        if f"${{{var}:-{port}}}:{port}" not in [str(p) for p in s.get("ports", [])]:
            problem(f"docker-compose.yml: {name} does not publish ${{{var}:-{port}}}:{port}")
        if "container_name" in s:
            problem(f"docker-compose.yml: {name} pins container_name, which prevents --scale")
        url = env.get("QUARKUS_DATASOURCE_JDBC_URL", "")
        if url != f"jdbc:postgresql://postgres:5432/{DATABASES[name]}":
            problem(f"docker-compose.yml: {name} JDBC URL {url}")
        if DATABASES[name] not in dbs:
            problem(f"deploy/postgres-init.sql: no database {DATABASES[name]}")
        deps = s.get("depends_on", {})
        want = {"kafka": "service_healthy", "topics-init": "service_completed_successfully",
                "postgres": "service_healthy"}
        for dep, cond in want.items():
            if deps.get(dep, {}).get("condition") != cond:
                problem(f"docker-compose.yml: {name} does not wait for {dep} ({cond})")
        if "/q/health/ready" not in " ".join(s.get("healthcheck", {}).get("test", [])):
            problem(f"docker-compose.yml: {name} health check is not /q/health/ready")
        if targets.get(name) != ("/q/metrics", f"{name}:{port}"):
            problem(f"monitoring/prometheus.yml: job {name} is {targets.get(name)}")
        build = s.get("build", {})
        if build.get("args", {}).get("SERVICE") != name:
            problem(f"docker-compose.yml: {name} build arg SERVICE is {build.get('args')}")
    # every bind-mounted file or directory exists
    for name, s in svcs.items():
        for v in s.get("volumes", []):
            src = v.split(":")[0]
            if src.startswith("./") and not os.path.exists(path(src)):
                problem(f"docker-compose.yml: {name} mounts missing {src}")
        for ef in s.get("env_file", []):
            if not os.path.exists(path(ef)):
                problem(f"docker-compose.yml: {name} env_file {ef} missing")
    for df in ("Dockerfile", "Dockerfile.prebuilt"):
        if not os.path.exists(path("deploy", df)):
            problem(f"deploy/{df} missing")
    # topics: create-topics.sh against org.ngai.events.Topics
    with open(path("deploy", "create-topics.sh"), encoding="utf-8") as f:
        m = re.search(r'TOPICS="\$\{TOPICS:-([^}]*)\}"', f.read())
    script_topics = set(m.group(1).split()) if m else set()
    topics_java = path("events", "src", "main", "java", "org", "ngai", "events", "Topics.java")
    if os.path.exists(topics_java):
        with open(topics_java, encoding="utf-8") as f:
            java_topics = set(re.findall(r'static final String \w+ = "([a-z0-9.]+)"', f.read()))
        if java_topics != script_topics:
            problem(f"deploy/create-topics.sh topics {sorted(script_topics)} != Topics.java {sorted(java_topics)}")
    kenv = svcs.get("kafka", {}).get("environment", {})
    for key in ("KAFKA_MESSAGE_MAX_BYTES", "KAFKA_REPLICA_FETCH_MAX_BYTES"):
        if str(kenv.get(key)) != "10485760":
            problem(f"docker-compose.yml: kafka {key} = {kenv.get(key)}")
    grafana = svcs.get("grafana", {}).get("environment", {})
    home = grafana.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", "")
    if home and not os.path.exists(path("monitoring", "grafana", "dashboards", os.path.basename(home))):
        problem(f"docker-compose.yml: grafana home dashboard {home} does not exist")
    found = {}
    for rel in sorted(glob.glob(path("monitoring", "grafana", "provisioning", "datasources", "*.yml"))):
        for d in (load_yaml(os.path.relpath(rel, ROOT)) or {}).get("datasources", []):
            found[d.get("uid")] = d
    if set(found) != set(DATASOURCES) or any(found[u].get("type") != t for u, t in DATASOURCES.items()):
        problem(f"grafana datasource provisioning: expected {DATASOURCES}, found "
                f"{ {u: d.get('type') for u, d in found.items()} }")
    pg = found.get("indicator-db", {})
    with open(path("monitoring", "grafana", "provisioning", "datasources", "indicator-db.yml"), encoding="utf-8") as f:
        pg_text = f.read()
    for var in sorted(set(re.findall(r"\$\{([A-Z_]+)\}", pg_text))):
        if var not in grafana:
            problem(f"docker-compose.yml: grafana does not set {var}, used by provisioning/datasources/indicator-db.yml")
    if re.search(r"password:\s*[^$\s]", pg_text):
        problem("provisioning/datasources/indicator-db.yml: a literal password; take it from the environment")
    if "postgres" not in svcs.get("grafana", {}).get("depends_on", []):
        problem("docker-compose.yml: grafana does not depend on postgres")
    if pg.get("jsonData", {}).get("database") != "${INDICATOR_DB_NAME}" or grafana.get("INDICATOR_DB_NAME") != \
            DATABASES["indicator-service"]:
        problem("grafana's PostgreSQL datasource does not point at the indicator database")


def main():
    scopes = indicator_scopes()
    exprs = []
    check_compose()
    uids = check_dashboards(scopes, exprs)
    check_promtool(exprs)
    print(f"dashboards: {', '.join(sorted(u for u in uids if u))}; {len(exprs)} PromQL expressions checked")
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print(" -", p)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
