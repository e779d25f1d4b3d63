/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- stored FHIR JSON is read defensively with optional chaining */
import { CODES, effectiveOf, type Resource } from './fhir.js';

/**
 * The plain summary a "take it with you" link shows: one HTML page, both
 * languages, no script, no style (the server's CSP allows neither inline),
 * every value escaped. Pure: resources in, text out.
 */
const escape = (text: string | number | null | undefined) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- FHIR JSON read defensively

function text(concept: Any | undefined): string {
  return concept?.text ?? concept?.coding?.find((c: Any) => c.display)?.display ?? '';
}

function latest(resources: Resource[], code: string): Any | undefined {
  return resources
    .filter((r) => r.resourceType === 'Observation' && (r as Any).status !== 'entered-in-error' && (r as Any).code?.coding?.some((c: Any) => c.code === code))
    .sort((a, b) => String(effectiveOf(b)).localeCompare(String(effectiveOf(a))))[0];
}

function flag(obs: Any | undefined): string {
  const code = obs?.interpretation?.[0]?.coding?.[0]?.code;
  return code === 'H' || code === 'HH' ? ' ↑ 偏高 high' : code === 'L' || code === 'LL' ? ' ↓ 偏低 low' : code === 'A' ? ' ! 异常 abnormal' : code === 'N' ? ' 正常 normal' : '';
}

export function plainSummaryHtml(resources: Resource[], now: Date): string {
  const patient = resources.find((r) => r.resourceType === 'Patient') as Any | undefined;
  const age = patient?.birthDate ? Math.floor((now.getTime() - new Date(patient.birthDate as string).getTime()) / (365.2425 * 86_400_000)) : null;
  const conditions = resources.filter((r) => r.resourceType === 'Condition' && (r as Any).clinicalStatus?.coding?.[0]?.code === 'active').map((r) => text((r as Any).code));
  const meds = resources.filter((r) => r.resourceType === 'MedicationStatement' && (r as Any).status === 'active').map((r) => `${text((r as Any).medicationCodeableConcept)} — ${(r as Any).dosage?.[0]?.text ?? ''}`);
  const bp = latest(resources, CODES.bloodPressure);
  const value = (c: Any | undefined) => (c?.valueQuantity ? `${c.valueQuantity.value} ${c.valueQuantity.unit ?? ''}` : '—');
  const sys = bp?.component?.find((c: Any) => c.code?.coding?.[0]?.code === CODES.systolic);
  const dia = bp?.component?.find((c: Any) => c.code?.coding?.[0]?.code === CODES.diastolic);
  const glucose = latest(resources, CODES.fastingGlucose);
  const weight = latest(resources, CODES.bodyWeight);
  const next = resources
    .filter((r) => r.resourceType === 'Encounter' && (r as Any).status === 'planned' && String(effectiveOf(r)) >= now.toISOString())
    .map((r) => String(effectiveOf(r)))
    .sort()[0];
  const li = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>` : '<p>无 None</p>');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>健康摘要 Health summary</title></head><body>
<h1>健康摘要 Health summary</h1>
<p>${escape(patient?.name?.[0]?.text ?? '')}${age === null ? '' : ` · ${age} 岁 years`} · ${escape(patient?.gender === 'female' ? '女 female' : patient?.gender === 'male' ? '男 male' : '')}</p>
<h2>在治疾病 Active conditions</h2>${li(conditions)}
<h2>在用药物 Medications</h2>${li(meds)}
<h2>最近测量 Latest readings</h2><ul>
<li>血压 Blood pressure: ${bp ? `${escape(sys?.valueQuantity?.value ?? '—')}/${escape(dia?.valueQuantity?.value ?? '—')} mmHg${escape(flag(bp) || flag(sys))} (${escape(String(effectiveOf(bp as Resource)).slice(0, 10))})` : '—'}</li>
<li>空腹血糖 Fasting glucose: ${glucose ? `${escape(value(glucose))}${escape(flag(glucose))} (${escape(String(effectiveOf(glucose as Resource)).slice(0, 10))})` : '—'}</li>
<li>体重 Weight: ${weight ? `${escape(value(weight))} (${escape(String(effectiveOf(weight as Resource)).slice(0, 10))})` : '—'}</li></ul>
<h2>下次随访 Next follow-up</h2><p>${next ? escape(next.slice(0, 10)) : '—'}</p>
<p>此页面只能打开一次，请勿转发。This page opens once; please do not forward it.</p>
</body></html>`;
}
