export { loader } from "./keys.ts";
