// explorer-code.js is the explorer's "Copy as code": the GraphQL request
// behind the view shown (which each view hands to setRequest) written out
// as curl, Python, JavaScript or R by the playground's generators
// (codegen.js, window.ParleyCodegen), so that a researcher can run in a
// script what the page just asked.
(function (X) {
  "use strict";

  const { el, $, endpoint } = X;

  // LANGUAGES names the "copy as code" generators of codegen.js.
  const LANGUAGES = {
    curl: "curl",
    python: "Python (urllib)",
    pandas: "Python (requests + pandas)",
    javascript: "JavaScript (fetch)",
    r: "R (httr)",
  };

  const codeLang = $("ex-code-lang");
  const codeText = $("ex-code-text");
  const codeStatus = $("ex-code-status");
  // currentRequest is the request of the view shown, or null before one.
  let currentRequest = null;

  for (const [lang, label] of Object.entries(LANGUAGES)) {
    if (window.ParleyCodegen && ParleyCodegen[lang]) codeLang.append(el("option", { value: lang }, label));
  }

  // setRequest makes req ({query, variables, field}) the request that "copy
  // as code" writes out.
  function setRequest(req) {
    currentRequest = req;
    renderCode();
  }

  // renderCode writes the current request in the chosen language.
  function renderCode() {
    codeStatus.textContent = "";
    if (!currentRequest) {
      codeText.value = "Open a view first: its GraphQL request appears here.";
      return;
    }
    codeText.value = ParleyCodegen[codeLang.value]({
      url: endpoint,
      query: currentRequest.query,
      variables: currentRequest.variables,
      operationName: null,
      headers: {},
      fields: [currentRequest.field],
    });
  }

  codeLang.addEventListener("change", renderCode);
  $("ex-code-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(codeText.value);
      codeStatus.textContent = "Copied.";
    } catch (err) {
      codeText.focus();
      codeText.select();
      codeStatus.textContent = document.execCommand("copy") ? "Copied." : "Press Ctrl+C to copy the selection.";
    }
  });
  renderCode();

  X.setRequest = setRequest;
})(window.ParleyExplorer);
