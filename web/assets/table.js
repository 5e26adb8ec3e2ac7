// table.js turns a GraphQL answer into tables, and tables into CSV and
// TSV. It is plain JavaScript with no build step and no DOM: it defines the
// global ParleyTable, which playground.js draws.
//
// Each top-level field of the answer becomes one table. A list becomes rows;
// a nested object becomes columns named by its path ("holder.name"). Within
// a row, the first nested list of objects is flattened to rows too (the
// row's other columns repeat), so positions with two evidence spans give two
// rows. Lists beside it, and lists of scalars, are joined with "; " in their
// columns instead: flattening two sibling lists would pair every element of
// one with every element of the other, rows the answer never stated.
(function (root) {
  "use strict";

  // maxRows bounds a table, so that a huge answer cannot freeze the page.
  const maxRows = 10000;

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function isObjectList(v) {
    return Array.isArray(v) && v.some(isObject);
  }

  // scalar renders a leaf value as a cell's text.
  function scalar(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }

  // joined collects, for a list beside the flattened one, each leaf path's
  // values across its elements: [{a: 1}, {a: 2}] under "x" gives x.a = "1; 2".
  function joined(list, prefix, cells) {
    const parts = {};
    const order = [];
    for (const item of list) {
      const sub = {};
      if (isObject(item)) flattenInto(item, prefix, sub, true);
      else sub[prefix] = scalar(item);
      for (const k of Object.keys(sub)) {
        if (!(k in parts)) {
          parts[k] = [];
          order.push(k);
        }
        if (sub[k] !== "") parts[k].push(sub[k]);
      }
    }
    for (const k of order) cells[k] = parts[k].join("; ");
  }

  // flattenInto writes obj's leaves into cells, keyed by path. With
  // joinLists, every nested list is joined; otherwise the first list of
  // objects is returned (with its path) for the caller to flatten to rows.
  function flattenInto(obj, prefix, cells, joinLists) {
    let rowsList = null;
    for (const key of Object.keys(obj)) {
      const path = prefix ? prefix + "." + key : key;
      const v = obj[key];
      if (isObject(v)) {
        const inner = flattenInto(v, path, cells, joinLists || rowsList !== null);
        if (inner && !rowsList) rowsList = inner;
      } else if (Array.isArray(v)) {
        if (!joinLists && !rowsList && isObjectList(v)) {
          rowsList = { path: path, list: v };
          cells[path] = undefined; // keeps the column's place
        } else {
          joined(v, path, cells);
        }
      } else {
        cells[path] = scalar(v);
      }
    }
    return rowsList;
  }

  // rowsOf flattens one value (an object or a scalar) into one or more rows.
  function rowsOf(value, prefix) {
    if (!isObject(value)) {
      const row = {};
      row[prefix || "value"] = scalar(value);
      return [row];
    }
    const cells = {};
    const inner = flattenInto(value, prefix, cells, false);
    if (!inner) return [cells];
    const out = [];
    const items = inner.list.length ? inner.list : [null];
    for (const item of items) {
      for (const sub of item === null ? [{}] : rowsOf(item, inner.path)) {
        const row = {};
        for (const k of Object.keys(cells)) {
          if (k === inner.path) Object.assign(row, sub);
          else row[k] = cells[k];
        }
        out.push(row);
      }
    }
    return out;
  }

  // tables returns one table per top-level field of data:
  // {name, columns: [path], rows: [[cell]], truncated: bool}.
  function tables(data) {
    if (!isObject(data)) return [];
    return Object.keys(data).map((name) => {
      const v = data[name];
      const items = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
      const rows = [];
      let truncated = false;
      for (const item of items) {
        for (const r of rowsOf(item, "")) {
          if (rows.length >= maxRows) {
            truncated = true;
            break;
          }
          rows.push(r);
        }
        if (truncated) break;
      }
      const columns = [];
      const seen = new Set();
      for (const r of rows) {
        for (const k of Object.keys(r)) {
          if (!seen.has(k)) {
            seen.add(k);
            columns.push(k);
          }
        }
      }
      return {
        name: name,
        columns: columns,
        rows: rows.map((r) => columns.map((c) => (r[c] === undefined ? "" : r[c]))),
        truncated: truncated,
      };
    });
  }

  // csvCell quotes a cell as RFC 4180 asks: when it holds a comma, a quote
  // or a line break, with quotes doubled.
  function csvCell(s) {
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // tsvCell keeps a cell on one line and in one column: TSV has no quoting.
  function tsvCell(s) {
    return s.replace(/[\t\r\n]+/g, " ");
  }

  // delimited returns the table as CSV ("csv") or TSV ("tsv"), header first,
  // lines ending in CRLF for CSV and LF for TSV.
  function delimited(table, format) {
    const csv = format === "csv";
    const cell = csv ? csvCell : tsvCell;
    const sep = csv ? "," : "\t";
    const eol = csv ? "\r\n" : "\n";
    return [table.columns].concat(table.rows).map((r) => r.map(cell).join(sep)).join(eol) + eol;
  }

  root.ParleyTable = { tables: tables, delimited: delimited, maxRows: maxRows };
})(this);
