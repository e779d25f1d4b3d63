// Words the board shows for the server's codes and keys, in the visitor's language.
import { formatDate, formatNumber, formatPercent, inLocale, type ApiError, type Locale } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import type { Choice, Localized, Rule } from './types.js';

/** The text in `locale`, else the other language. */
export const pick = (text: Localized | null | undefined, locale: Locale): string => (text ? text[locale] || text['zh-CN'] || text.en : '');

/** A heading's text: the title, or words saying there is none (an empty heading helps nobody). */
export const titleOf = (text: Localized | null | undefined, locale: Locale): string => pick(text, locale) || msg('(no title)');

export function figureLabel(key: string): string {
  switch (key) {
    case 'cars':
      return msg('Registered cars');
    case 'spaces':
      return msg('Parking spaces');
    case 'households':
      return msg('Households');
    case 'fireLaneBlockedNightsPerMonth':
      return msg('Nights a month the fire lane is blocked');
    default:
      return key;
  }
}

export function choiceLabel(choice: Choice): string {
  return choice === 'agree' ? msg('Agree') : choice === 'disagree' ? msg('Disagree') : msg('Abstain');
}

export function progressStatusLabel(status: string): string {
  switch (status) {
    case 'done':
      return msg('Done');
    case 'in_progress':
      return msg('In progress');
    case 'planned':
      return msg('Planned');
    default:
      return status;
  }
}

export function ruleLabel(rule: Rule): string {
  return rule.kind === 'quorum'
    ? msg(str`Passes when more households agree than disagree and at least ${formatPercent(rule.quorum)} of eligible households vote.`)
    : msg('Passes when more households agree than disagree (abstentions do not count against).');
}

export function turnoutText(ballots: number, eligible: number): string {
  if (eligible <= 0) return msg(str`${formatNumber(ballots)} households voted. No eligible households are listed, so turnout cannot be given.`);
  return msg(str`${formatNumber(ballots)} of ${formatNumber(eligible)} eligible households voted (${formatPercent(ballots / eligible)}).`);
}

export const dateTime = (iso: string, timeZone: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatDate(d, { dateStyle: 'medium', timeStyle: 'short', timeZone });
};

export const day = (iso: string): string => {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : formatDate(d, { dateStyle: 'medium', timeZone: 'UTC' });
};

/** The server's own reason in the element's language (its `reasons`), else core's wording. */
export function reasonOf(error: unknown, locale: Locale): string {
  const e = error as ApiError;
  if (e && typeof e === 'object' && 'reasons' in e) return e.reasons[locale] ?? inLocale(locale, () => e.reason);
  return msg('Something went wrong. Please try again.');
}

/** Short phrases a resident can post with one tap. */
export const quickPhrases = (): string[] => [msg('I support this.'), msg('Please think of the elderly and children.'), msg('What will it cost each household?'), msg('Please try it for three months first.'), msg('Keep the fire lane clear.')];
