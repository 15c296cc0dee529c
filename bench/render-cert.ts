// Cost of rendering certificate PDFs (no signing): a warm process renders `count` certificates with
// names in many scripts and languages, one after another, and reports wall and CPU ms per certificate
// and bytes per PDF.
//
//   npx tsx bench/render-cert.ts [count=200]
import { performance } from "node:perf_hooks";
import { renderCertificateBytes } from "~/domain/certificates/pdf/render.server.ts";
import type { CertificateView } from "~/domain/certificates/record.ts";
import type { Language } from "~/i18n/config.ts";

const count = Number(process.argv[2] ?? 200);

const NAMES: [string, string | undefined, Language][] = [
  ["Amina Okafor", undefined, "en"],
  ["ليلى حداد", "Layla Haddad", "ar"],
  ["王小明", "Wang Xiaoming", "zh"],
  ["José Ñúñez Gonçalves", undefined, "es"],
  ["Анна Сергеевна Кузнецова", "Anna Sergeevna Kuznetsova", "fr"],
  ["Γιώργος Παπαδόπουλος", "Giorgos Papadopoulos", "en"],
  ["Nguyễn Thị Minh Khai", undefined, "pt"],
  ["محمد Smith-Ali 3", "Mohammed Smith-Ali 3", "ar"],
  ["דוד כהן", "David Cohen", "en"],
  ["अनीता शर्मा", "Anita Sharma", "fr"],
  ["김민준", "Kim Min-jun", "zh"],
  ["山田 花子", "Yamada Hanako", "en"],
];

const TITLES: Record<Language, [string, string, string]> = {
  en: ["IP Crime Investigator — Certified", "Introductory Programme", "Intermediate Programme"],
  fr: ["Enquêteur en criminalité liée à la PI — Certifié", "Programme d’introduction", "Programme intermédiaire"],
  es: ["Investigador de delitos contra la PI — Certificado", "Programa introductorio", "Programa intermedio"],
  ar: ["محقق في جرائم الملكية الفكرية — معتمد", "البرنامج التمهيدي", "البرنامج المتوسط"],
  zh: ["知识产权犯罪调查员（认证）", "入门课程", "中级课程"],
  pt: ["Investigador de crimes contra a PI — Certificado", "Programa introdutório", "Programa intermédio"],
};

function view(i: number): CertificateView {
  const [holderName, holderLatin, language] = NAMES[i % NAMES.length]!;
  const [title, intro, intermediate] = TITLES[language];
  const certification = i % 2 === 0;
  const number = `PRV-2026-${String(1000 + i).padStart(4, "0")}-Q9XD`;
  return {
    language,
    template: certification ? "certification" : "programme",
    holderName,
    holderLatin,
    title: certification ? title : intermediate,
    programmes: certification
      ? [
          { title: intro, completedOn: new Date("2026-03-12T00:00:00Z") },
          { title: intermediate, completedOn: new Date("2026-06-03T00:00:00Z") },
        ]
      : [{ title: intermediate, completedOn: new Date("2026-06-03T00:00:00Z") }],
    issuedOn: new Date("2026-06-10T00:00:00Z"),
    expiresOn: certification ? new Date("2029-06-10T00:00:00Z") : undefined,
    number,
    issuer: "Provenance",
    verifyUrl: `https://provenance.example.org/verify/${number}`,
    signature: `prv-2026-01.${Buffer.alloc(64, i).toString("base64url")}`,
    record: JSON.stringify({ number, holder: { name: holderName } }),
  };
}

// Warm up: load the design, parse the fonts, build the shaping engines, JIT.
const coldStart = performance.now();
await renderCertificateBytes(view(0));
const cold = performance.now() - coldStart;
for (let i = 1; i < 3 * NAMES.length; i++) await renderCertificateBytes(view(i));

let bytes = 0;
const cpuStart = process.cpuUsage();
const start = performance.now();
for (let i = 0; i < count; i++) bytes += (await renderCertificateBytes(view(i))).length;
const wall = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);

console.log(`first render (cold): ${cold.toFixed(0)} ms`);
console.log(
  `${count} renders: ${(wall / count).toFixed(1)} ms/certificate wall, ` +
    `${((cpu.user + cpu.system) / 1000 / count).toFixed(1)} ms/certificate CPU, ` +
    `${Math.round(bytes / count / 1024)} KB/PDF on average`
);
