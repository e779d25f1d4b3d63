export type FollowKind = 'proposal' | 'progress';

/**
 * "One project, one code": the public URL a phone opens from a proposal's or a
 * progress item's QR code. `PUBLIC_FOLLOW_URL_TEMPLATE` may use `{kind}`, `{id}`
 * and `{publicUrl}`; the default is `${PUBLIC_URL}/follow/{kind}/{id}`.
 */
export function followUrl(template: string, publicUrl: string, kind: FollowKind, id: string): string {
  return template.replaceAll('{publicUrl}', publicUrl).replaceAll('{kind}', kind).replaceAll('{id}', encodeURIComponent(id));
}

export interface DeliberationSettings {
  /** Reports from distinct residents that hide a comment until staff review it. */
  reportThreshold: number;
  followTemplate: string;
  publicUrl: string;
}

/** Read once when the routes are registered (COMMENT_REPORT_THRESHOLD, PUBLIC_FOLLOW_URL_TEMPLATE). */
export function deliberationSettings(publicUrl: string, env: NodeJS.ProcessEnv = process.env): DeliberationSettings {
  const threshold = Number(env.COMMENT_REPORT_THRESHOLD ?? 3);
  return {
    reportThreshold: Number.isInteger(threshold) && threshold >= 1 ? threshold : 3,
    followTemplate: env.PUBLIC_FOLLOW_URL_TEMPLATE?.trim() || '{publicUrl}/follow/{kind}/{id}',
    publicUrl,
  };
}
