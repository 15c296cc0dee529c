import { httpError } from "~/utils/http.server.ts";

/** Any path no route claims: a branded 404 from the root error boundary. */
export function loader() {
  throw httpError("not_found");
}

export function action() {
  throw httpError("not_found");
}

export default function NotFound() {
  return null;
}
