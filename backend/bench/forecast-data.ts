// A million-deal mirror for bench:forecast, written straight into PostgreSQL with generate_series
// (about a minute, against several for the emulated org loaded through the sync): a role
// hierarchy (CEO > VP > managers > reps), the standard sales process, and deals over 820 days,
// created at a rate growing from 0.7 to 1.3 (as the demo org's), each with an OpportunityHistory
// row per stage, per close-date push and at its close. About 30% of closed deals are won, cycles
// run 10 to 100 days, and what has not reached its close by now is open (about 6%, as in the demo
// org at any size). Seeded: the same size gives the same rows.
import type pg from 'pg';

const STAGES = `ARRAY['Prospecting','Qualification','Needs Analysis','Value Proposition','Id. Decision Makers',
  'Perception Analysis','Proposal/Price Quote','Negotiation/Review']`;
const PROBABILITY = 'ARRAY[10,10,20,50,60,70,75,90]';
const CATEGORY = `ARRAY['Pipeline','Pipeline','Pipeline','Pipeline','Pipeline','Best Case','Best Case','Commit']`;
const REPS_PER_TEAM = 25;

/** 18-character Salesforce-style Ids from a key prefix and a number. */
const id = (prefix: string, n: string) => `'${prefix}' || lpad(to_hex(${n}), 12, '0') || 'AAA'`;

export interface GeneratedCounts {
  users: number;
  opportunities: number;
  history: number;
  open: number;
}

export async function generateDeals(client: pg.Client, opportunities: number, now: Date): Promise<GeneratedCounts> {
  const reps = Math.max(6, Math.ceil(opportunities / 500));
  const teams = Math.ceil(reps / REPS_PER_TEAM);
  const at = `'${now.toISOString()}'::timestamptz`;
  // Synced an hour ago, as a mirror loaded earlier would be: changes made by the bench stand out.
  const synced = `'${new Date(now.getTime() - 3_600_000).toISOString()}'::timestamptz`;
  await client.query(`SELECT setseed(0.42)`);
  await client.query(`
    INSERT INTO user_role (salesforce_id, name, developer_name, parent_role_id, system_modstamp, last_synced_at)
    SELECT ${id('00E', 'n')}, name, replace(name, ' ', '_'), parent, ${at}, ${at} FROM (
      VALUES (1, 'CEO', NULL), (2, 'VP Sales', ${id('00E', '1')})) AS r(n, name, parent)
    UNION ALL SELECT ${id('00E', '100 + t')}, 'Manager ' || t, 'Manager_' || t, ${id('00E', '2')}, ${at}, ${at}
      FROM generate_series(1, ${teams}) t
    UNION ALL SELECT ${id('00E', '10000 + t')}, 'Reps ' || t, 'Reps_' || t, ${id('00E', '100 + t')}, ${at}, ${at}
      FROM generate_series(1, ${teams}) t`);
  await client.query(`
    INSERT INTO sf_user (salesforce_id, name, is_active, user_role_id, system_modstamp, last_synced_at)
    SELECT ${id('005', 'n')}, name, true, ${id('00E', 'role')}, ${at}, ${at} FROM (
      VALUES (1, 'Integration User', 1), (2, 'VP Sales', 2)) AS u(n, name, role)
    UNION ALL SELECT ${id('005', '100 + t')}, 'Manager ' || t, true, ${id('00E', '100 + t')}, ${at}, ${at}
      FROM generate_series(1, ${teams}) t
    UNION ALL SELECT ${id('005', '10000 + r')}, 'Rep ' || r, true, ${id('00E', `10000 + 1 + (r - 1) / ${REPS_PER_TEAM}`)}, ${at}, ${at}
      FROM generate_series(1, ${reps}) r`);
  await client.query(`
    INSERT INTO opportunity_stage (salesforce_id, api_name, master_label, sort_order, is_active, is_closed, is_won,
                                   default_probability, forecast_category_name, system_modstamp, last_synced_at)
    SELECT ${id('01J', 'k')}, s, s, k, true, k > 8, k = 9, p, c, ${at}, ${at}
    FROM unnest(${STAGES} || ARRAY['Closed Won','Closed Lost'], ${PROBABILITY} || ARRAY[100,0],
                ${CATEGORY} || ARRAY['Closed','Omitted']) WITH ORDINALITY AS x(s, p, c, k)`);

  // One plan per deal: when it starts, whether it is won (or where it dies), how long it takes.
  await client.query(`
    CREATE TEMP TABLE plan AS
    SELECT i, ${id('006', 'i')} AS id, ${id('005', `10000 + 1 + (i::bigint * 7919) % ${reps}`)} AS owner,
           ${at} - 820 * (1 - (-0.7 + sqrt(0.49 + 1.2 * random())) / 0.6) * interval '1 day' AS created,
           random() < 0.3 AS won, floor(random() * 6)::int AS lost_at,
           10 + 90 * power(random(), 2) AS cycle, round(exp(8.5 + 2.5 * random()))::numeric AS amount,
           0.55 + 0.45 * random() AS optimism, floor(random() * 3)::int AS pushes,
           CASE WHEN random() < 0.6 THEN 'New Business' ELSE 'Existing Business' END AS type,
           (ARRAY['Web','Phone Inquiry','Partner Referral','Other'])[1 + floor(random() * 4)::int] AS lead_source
    FROM generate_series(1, ${opportunities}) i`);
  await client.query(`
    CREATE TEMP TABLE timeline AS
    SELECT p.*, CASE WHEN p.won THEN 8 ELSE p.lost_at + 1 END AS steps,
           p.created + p.cycle * interval '1 day' AS closes,
           (p.created + p.cycle * p.optimism * interval '1 day') AS planned
    FROM plan p`);
  await client.query(`
    INSERT INTO opportunity (salesforce_id, name, owner_id, created_date, system_modstamp, last_synced_at, stage_name,
      amount, probability, close_date, is_closed, is_won, forecast_category_name, type, lead_source, is_deleted)
    SELECT t.id, 'Deal ' || t.i, t.owner, t.created, least(t.closes, ${at}), ${synced},
      CASE WHEN t.closes <= ${at} THEN CASE WHEN t.won THEN 'Closed Won' ELSE 'Closed Lost' END ELSE (${STAGES})[s.k + 1] END,
      t.amount,
      CASE WHEN t.closes <= ${at} THEN CASE WHEN t.won THEN 100 ELSE 0 END ELSE (${PROBABILITY})[s.k + 1] END,
      CASE WHEN t.closes <= ${at} THEN t.closes::date ELSE (t.planned + t.pushes * interval '20 days')::date END,
      t.closes <= ${at}, t.closes <= ${at} AND t.won,
      CASE WHEN t.closes <= ${at} THEN CASE WHEN t.won THEN 'Closed' ELSE 'Omitted' END ELSE (${CATEGORY})[s.k + 1] END,
      t.type, t.lead_source, false
    FROM timeline t
    CROSS JOIN LATERAL (SELECT least(t.steps - 1, floor(extract(epoch FROM ${at} - t.created)
      / (t.cycle * 86400 / t.steps))::int) AS k) s`);
  // History: a row per stage entered, per close-date push, and at the close.
  await client.query(`
    INSERT INTO opportunity_history (salesforce_id, created_date, opportunity_id, stage_name, amount, close_date,
      probability, forecast_category, system_modstamp, last_synced_at, is_deleted)
    SELECT ${id('008', 't.i * 16 + k')}, e.at, t.id, (${STAGES})[k + 1], t.amount, t.planned::date,
           (${PROBABILITY})[k + 1], (${CATEGORY})[k + 1], e.at, ${synced}, false
    FROM timeline t, generate_series(0, t.steps - 1) k,
         LATERAL (SELECT t.created + t.cycle * k / t.steps * interval '1 day' AS at) e
    WHERE e.at <= ${at}
    UNION ALL
    SELECT ${id('008', 't.i * 16 + 8 + j')}, e.at, t.id, (${STAGES})[e.k + 1], t.amount,
           (t.planned + j * interval '20 days')::date, (${PROBABILITY})[e.k + 1], (${CATEGORY})[e.k + 1], e.at, ${synced}, false
    FROM timeline t, generate_series(1, t.pushes) j,
         LATERAL (SELECT t.planned + (j * 20 - 19) * interval '1 day' AS at) a,
         LATERAL (SELECT a.at, least(t.steps - 1, floor(extract(epoch FROM a.at - t.created) / (t.cycle * 86400 / t.steps))::int) AS k) e
    WHERE e.at <= least(t.closes, ${at})
    UNION ALL
    SELECT ${id('008', 't.i * 16 + 15')}, t.closes, t.id, CASE WHEN t.won THEN 'Closed Won' ELSE 'Closed Lost' END,
           t.amount, t.closes::date, CASE WHEN t.won THEN 100 ELSE 0 END, CASE WHEN t.won THEN 'Closed' ELSE 'Omitted' END,
           t.closes, ${synced}, false
    FROM timeline t WHERE t.closes <= ${at}`);
  await client.query(`DROP TABLE plan; DROP TABLE timeline`);
  await client.query(`VACUUM (ANALYZE)`);
  const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
  return {
    users: await count('SELECT count(*) AS n FROM sf_user'),
    opportunities: await count('SELECT count(*) AS n FROM opportunity'),
    history: await count('SELECT count(*) AS n FROM opportunity_history'),
    open: await count('SELECT count(*) AS n FROM opportunity WHERE NOT is_closed'),
  };
}
