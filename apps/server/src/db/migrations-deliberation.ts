import { sql, type Kysely } from 'kysely';

/**
 * Migration 030 (issue 10, deliberation v2): motions in plain words with their
 * rule and whether counts show while open, proposals' threshold and official
 * answer, comment reports and staff review, meetings' attendance and
 * decisions, progress linked to a proposal, and the site that runs a topic.
 * Every new column has a default, so rows written before it stay valid.
 */
export async function deliberationV2(db: Kysely<unknown>): Promise<void> {
  const add = (table: string, column: string, type: 'text' | 'integer', defaultValue?: string | number) =>
    db.schema
      .alterTable(table)
      .addColumn(column, type, (c) => (defaultValue === undefined ? c : c.notNull().defaultTo(defaultValue)))
      .execute();
  await add('topics', 'site_id', 'text');
  await add('proposals', 'threshold', 'integer', 30);
  await add('proposals', 'official_answer_zh', 'text');
  await add('proposals', 'official_answer_en', 'text');
  await add('comments', 'hidden', 'integer', 0);
  await add('comments', 'review', 'text');
  await add('comments', 'reviewed_at', 'text');
  await add('meetings', 'attendance', 'text', '{"departments":[],"residents":0}');
  await add('meetings', 'decisions', 'text', '[]');
  await add('motions', 'body_zh', 'text', '');
  await add('motions', 'body_en', 'text', '');
  await add('motions', 'rule', 'text', '{"kind":"majority"}');
  await add('motions', 'show_counts_while_open', 'integer', 0);
  await add('motions', 'choices', 'text', '["agree","disagree","abstain"]');
  await add('progress', 'proposal_id', 'text');
  await add('progress', 'note', 'text');
  await db.schema
    .createTable('comment_reports')
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reports_pk', ['comment_id', 'resident_id'])
    .execute();
  // Comment lists leave hidden comments out.
  await db.schema.createIndex('comments_hidden').on('comments').columns(['proposal_id', 'hidden']).execute();
  // The seeded village hall runs the seeded topic (a database seeded before this migration).
  await sql`UPDATE topics SET site_id = 'xikou-hall' WHERE id = 'topic-parking' AND EXISTS (SELECT 1 FROM sites WHERE id = 'xikou-hall')`.execute(db);
}
