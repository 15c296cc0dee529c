import type { MetaFunction } from "@remix-run/node";

/** Pages put a translated `title` in their loader data; this turns it into the document title. */
export const titleMeta: MetaFunction = ({ data }) => {
  const title = data && typeof data === "object" && "title" in data ? String(data.title) : "";
  return [{ title: title ? `${title} · Provenance` : "Provenance" }];
};
