// Starts GraphiQL (its UMD build, with React's) on /graphql. Requests carry the session cookie, so a
// logged-in person explores with the rights of their role; open data needs no account.
const requeteInitiale = `# Explorateur de l’API GraphQL de Maillage.
#
# Les données ouvertes (territoires, postes, lieux, indicateurs) se lisent sans compte.
# Ctrl-Entrée exécute la requête ; le bouton « Docs » (en haut à gauche) décrit chaque type et chaque champ.
# Un développeur peut aussi s’authentifier avec un jeton d’API : en-tête « Authorization: Bearer … ».

{
  regions {
    code
    nom
  }
}
`;

const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: requeteInitiale,
    defaultEditorToolsVisibility: false,
  }),
);

// GraphiQL's editors are CodeMirror 5: their hidden text areas get a name and their scrolling areas a place
// in the tab order, so a screen reader or a keyboard reaches each of them.
const NOMS = [
  [".graphiql-query-editor textarea", "Requête GraphQL"],
  [".graphiql-editor-tool .graphiql-editor:nth-child(1) textarea", "Variables (JSON)"],
  [".graphiql-editor-tool .graphiql-editor:nth-child(2) textarea", "En-têtes HTTP (JSON)"],
  [".result-window textarea", "Réponse"],
];
const nommer = () => {
  for (const [selecteur, nom] of NOMS) {
    for (const champ of document.querySelectorAll(selecteur)) {
      if (!champ.hasAttribute("aria-label")) champ.setAttribute("aria-label", nom);
    }
  }
  // CodeMirror takes them out of the tab order (tabindex -1).
  for (const zone of document.querySelectorAll(".CodeMirror-scroll")) {
    if (zone.getAttribute("tabindex") !== "0") zone.setAttribute("tabindex", "0");
  }
};
new MutationObserver(nommer).observe(document.getElementById("graphiql"), { childList: true, subtree: true });
