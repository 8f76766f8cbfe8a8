// Copies GOV.UK Frontend's JavaScript and the images Accord uses (not the crown) into static.
import { copyFileSync, mkdirSync } from "node:fs";

const src = "node_modules/govuk-frontend/dist/govuk";
const dest = "accord/common/static/accord";
mkdirSync(dest, { recursive: true });
copyFileSync(`${src}/govuk-frontend.min.js`, `${dest}/govuk-frontend.min.js`);
