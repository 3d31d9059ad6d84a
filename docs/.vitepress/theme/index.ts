// The default theme, with a wider, shorter hero so the landing page's introduction and its
// links to the most used references fit above the fold.
import DefaultTheme from "vitepress/theme";
import "./custom.css";

export default DefaultTheme;
