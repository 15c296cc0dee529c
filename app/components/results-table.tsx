import { useTranslation } from "react-i18next";
import { useFormat } from "~/utils/format.ts";

/** A search result: the count (announced to screen readers) and a scrollable table with its headings. */
export function ResultsTable({
  total,
  headings,
  children,
}: {
  total: number;
  headings: string[];
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <p role="status">{t("admin.results", { count: total, formatted: format.number(total) })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {headings.map((heading) => (
                <th key={heading} scope="col">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </>
  );
}
