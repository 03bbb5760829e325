export default {
  title: "Cross-sell report",
  root: "src",
  globalStylesheets: [],
};
