// codegen.js turns a GraphQL request into code to paste into a shell or a
// notebook: curl, Python (urllib, or requests with pandas), JavaScript fetch
// and R (httr). It is plain JavaScript with no dependencies and no build step.
//
// Each generator takes a request object:
//
//   url           absolute URL of the GraphQL endpoint
//   query         the GraphQL document
//   variables     an object, or null
//   operationName the operation to run, or null
//   headers       extra request headers, an object (may be empty)
//   fields        top-level response keys of the operation, for the pandas
//                 snippet (may be empty)
//
// and returns the code as a string. playground.js uses window.ParleyCodegen.
(function (root) {
  "use strict";

  const ACCEPT = "application/graphql-response+json, application/json";

  // payload returns the JSON body of the request, leaving out empty parts.
  function payload(req) {
    const body = { query: req.query };
    if (req.variables && Object.keys(req.variables).length > 0) {
      body.variables = req.variables;
    }
    if (req.operationName) {
      body.operationName = req.operationName;
    }
    return body;
  }

  // allHeaders returns the headers every snippet sends, then the user's.
  function allHeaders(req) {
    return Object.assign(
      { "Content-Type": "application/json", Accept: ACCEPT },
      req.headers || {},
    );
  }

  // indentLines indents every line of text after the first by prefix.
  function indentLines(text, prefix) {
    return text.split("\n").join("\n" + prefix);
  }

  // shellQuote quotes s for a POSIX shell.
  function shellQuote(s) {
    return "'" + String(s).replace(/'/g, "'\\''") + "'";
  }

  function curl(req) {
    const parts = ["curl -sS " + shellQuote(req.url)];
    for (const [name, value] of Object.entries(allHeaders(req))) {
      parts.push("-H " + shellQuote(name + ": " + value));
    }
    parts.push("--data-raw " + shellQuote(JSON.stringify(payload(req), null, 2)));
    return parts.join(" \\\n  ") + "\n";
  }

  // pyValue writes a JSON value as a Python literal.
  function pyValue(v, indent) {
    if (v === null || v === undefined) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "number" || typeof v === "string") return JSON.stringify(v);
    const inner = indent + "    ";
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return "[\n" + v.map((x) => inner + pyValue(x, inner) + ",\n").join("") + indent + "]";
    }
    const keys = Object.keys(v);
    if (keys.length === 0) return "{}";
    return "{\n" + keys.map((k) => inner + JSON.stringify(k) + ": " + pyValue(v[k], inner) + ",\n").join("") + indent + "}";
  }

  // pyPreamble declares URL, QUERY, PAYLOAD and HEADERS in Python.
  function pyPreamble(req, headers) {
    const query = req.query.replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"');
    const entries = ['    "query": QUERY,\n'];
    for (const [key, value] of Object.entries(payload(req))) {
      if (key !== "query") entries.push("    " + JSON.stringify(key) + ": " + pyValue(value, "    ") + ",\n");
    }
    return [
      "URL = " + JSON.stringify(req.url),
      'QUERY = """\n' + query + '\n"""',
      "PAYLOAD = {\n" + entries.join("") + "}",
      "HEADERS = " + pyValue(headers, ""),
    ].join("\n");
  }

  function python(req) {
    return [
      "import json",
      "import urllib.error",
      "import urllib.request",
      "",
      pyPreamble(req, allHeaders(req)),
      "",
      "request = urllib.request.Request(",
      "    URL, data=json.dumps(PAYLOAD).encode(\"utf-8\"), headers=HEADERS, method=\"POST\"",
      ")",
      "try:",
      "    with urllib.request.urlopen(request, timeout=60) as response:",
      "        result = json.load(response)",
      "except urllib.error.HTTPError as err:  # GraphQL errors may come with a 4xx status",
      "    result = json.load(err)",
      "if result.get(\"errors\"):",
      "    print(\"GraphQL errors:\", json.dumps(result[\"errors\"], indent=2))",
      "data = result.get(\"data\")",
      "print(json.dumps(data, indent=2, ensure_ascii=False))",
      "",
    ].join("\n");
  }

  function pandas(req) {
    const headers = Object.assign({ Accept: ACCEPT }, req.headers || {});
    const lines = [
      "import pandas as pd",
      "import requests",
      "",
      pyPreamble(req, headers),
      "",
      "response = requests.post(URL, json=PAYLOAD, headers=HEADERS, timeout=60)",
      "result = response.json()",
      "if result.get(\"errors\"):",
      "    print(\"GraphQL errors:\", result[\"errors\"])",
      "data = result.get(\"data\") or {}",
      "",
      "# One table per top-level field; nested objects become dotted columns",
      "# such as holder.name.",
      "frames = {field: pd.json_normalize(value or []) for field, value in data.items()}",
    ];
    const fields = req.fields || [];
    lines.push(fields.length > 0 ? "frames[" + JSON.stringify(fields[0]) + "]" : "frames");
    return lines.join("\n") + "\n";
  }

  function javascript(req) {
    const query = req.query.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
    const body = ["    query: `\n" + query + "\n`,"];
    for (const [key, value] of Object.entries(payload(req))) {
      if (key !== "query") body.push("    " + key + ": " + indentLines(JSON.stringify(value, null, 2), "    ") + ",");
    }
    return [
      "const response = await fetch(" + JSON.stringify(req.url) + ", {",
      "  method: \"POST\",",
      "  headers: " + indentLines(JSON.stringify(allHeaders(req), null, 2), "  ") + ",",
      "  body: JSON.stringify({",
      body.join("\n"),
      "  }),",
      "});",
      "const { data, errors } = await response.json();",
      "if (errors) console.error(\"GraphQL errors:\", errors);",
      "console.log(JSON.stringify(data, null, 2));",
      "",
    ].join("\n");
  }

  // rRaw writes s as an R raw string, with enough dashes that s cannot end it.
  function rRaw(s) {
    let dashes = "";
    while (s.includes(")" + dashes + '"')) dashes += "-";
    return "r\"" + dashes + "(" + s + ")" + dashes + "\"";
  }

  function r(req) {
    const body = payload(req);
    const fields = ["query = query"];
    if (body.variables) fields.push("variables = variables");
    if (body.operationName) fields.push("operationName = " + JSON.stringify(body.operationName));
    const lines = [
      "library(httr)",
      "library(jsonlite)",
      "",
      "url <- " + JSON.stringify(req.url),
      "query <- " + rRaw("\n" + req.query + "\n"),
    ];
    if (body.variables) {
      lines.push("variables <- fromJSON(" + rRaw(JSON.stringify(body.variables)) + ", simplifyVector = FALSE)");
    }
    const extra = Object.entries(req.headers || {}).map(([k, v]) => JSON.stringify(k) + " = " + JSON.stringify(v));
    lines.push(
      "",
      "response <- POST(",
      "  url,",
      "  body = toJSON(list(" + fields.join(", ") + "), auto_unbox = TRUE, null = \"null\"),",
      "  content_type_json(),",
      "  accept(" + JSON.stringify(ACCEPT) + ")" + (extra.length > 0 ? "," : ""),
    );
    if (extra.length > 0) lines.push("  add_headers(.headers = c(" + extra.join(", ") + "))");
    lines.push(
      ")",
      "result <- fromJSON(content(response, as = \"text\", encoding = \"UTF-8\"), flatten = TRUE)",
      "if (!is.null(result$errors)) print(result$errors)",
      "str(result$data)",
      "",
    );
    return lines.join("\n");
  }

  root.ParleyCodegen = {
    curl: curl,
    python: python,
    pandas: pandas,
    javascript: javascript,
    r: r,
  };
})(window);
