import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "app/generated/**",
      "node_modules/**",
      "tests/.tmp/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Server-only modules must not be imported by code that ships to the browser.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/generated/prisma/*"], message: "Use ~/utils/db.server.ts" }] },
      ],
    },
  },
  {
    files: ["app/utils/db.server.ts", "tests/factories/**", "app/utils/sqlite-adapter.server.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["app/routes/**/*.tsx", "app/root.tsx"],
    rules: { "jsx-a11y/no-redundant-roles": "off" },
  }
);
