import { type CreateTableBuilder, type Kysely, SqliteAdapter } from 'kysely';

// The newsroom's own video, subtitles, the live channel and its programme schedule (docs/video.md, docs/tv.md).
//
// - videos: one uploaded file and what the worker made of it. `state` is the transcode's
//   (waiting | transcoding | ready | failed, `progress` 0–100, `error` the reason); `status` is the
//   newsroom's (draft | published: whether its own page `/fr/videos/<slug>` is public). The outputs
//   are media keys under `videos/<id>/…`; `renditions` lists the HLS ladder as made.
// - video_jobs: the worker's queue. A claim is a conditional update with a lease that a heartbeat
//   extends while ffmpeg runs; `steps` records the finished steps (each rendition, the MP4, the
//   sprite, the poster), so a job taken over after its worker died goes on from there.
// - video_subtitles: one WebVTT file per video and language, kept as text (validated on the way in).
// - articles.lead_video_id: the video an article leads with (its lead JSON carries `video`).
// - channels: per edition, the live channel's HLS stream URLs and where its schedule comes from.
// - shows / programmes: the programme schedule (EPG), from XMLTV or edited; a programme is an
//   episode of a show, and may link to its replay video and to articles (programme_articles).

function serialId(t: CreateTableBuilder<any, any>, sqlite: boolean) {
  return sqlite ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement().notNull()) : t.addColumn('id', 'serial', (c) => c.primaryKey());
}

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await serialId(db.schema.createTable('videos'), sqlite)
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('section_id', 'integer')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('draft')) // draft | published
    .addColumn('published_at', 'varchar(30)')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('credit', 'text')
    .addColumn('copyright', 'text')
    .addColumn('licence', 'text')
    .addColumn('language', 'varchar(35)', (c) => c.notNull())
    .addColumn('chapters', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: [{ startMs, title }]
    .addColumn('source_key', 'text') // the uploaded file in the media storage
    .addColumn('source_name', 'text') // its file name, as uploaded
    .addColumn('source_bytes', 'bigint')
    .addColumn('probe', 'text') // JSON: what ffprobe said (codecs, width, height, duration, frame rate)
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', 'integer')
    .addColumn('state', 'varchar(16)', (c) => c.notNull().defaultTo('waiting')) // waiting | transcoding | ready | failed
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('renditions', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: [{ name, width, height, bandwidth, key }]
    .addColumn('hls_key', 'text') // the master playlist
    .addColumn('mp4_key', 'text')
    .addColumn('sprite_key', 'text') // the thumbnail sprite (JPEG)
    .addColumn('sprite_vtt_key', 'text') // its WebVTT index (#xywh=)
    .addColumn('poster_image_id', 'integer') // an images row, so the poster has every picture variant
    .addColumn('poster_at_ms', 'integer') // the frame the poster was taken from (null: chosen by the worker or uploaded)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer')
    .addColumn('created_by_token', 'integer')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('videos_edition_slug').on('videos').columns(['edition', 'slug']).unique().execute();
  await db.schema.createIndex('videos_listing').on('videos').columns(['edition', 'status', 'published_at', 'id']).execute();

  await serialId(db.schema.createTable('video_jobs'), sqlite)
    .addColumn('video_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // transcode | poster
    .addColumn('status', 'varchar(16)', (c) => c.notNull()) // waiting | working | done | failed
    .addColumn('steps', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: names of the finished steps
    .addColumn('params', 'text') // JSON: what the job needs besides the video (a poster's time)
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('claimed_by', 'varchar(64)')
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)')
    .addColumn('finished_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('video_jobs_due').on('video_jobs').columns(['status', 'id']).execute();
  await db.schema.createIndex('video_jobs_video').on('video_jobs').columns(['video_id', 'id']).execute();

  await serialId(db.schema.createTable('video_subtitles'), sqlite)
    .addColumn('video_id', 'integer', (c) => c.notNull())
    .addColumn('language', 'varchar(35)', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('vtt', 'text', (c) => c.notNull())
    .addColumn('cues', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('key', 'text') // the published .vtt file in the media storage (content-addressed)
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema.createIndex('video_subtitles_language').on('video_subtitles').columns(['video_id', 'language']).unique().execute();

  await db.schema.alterTable('articles').addColumn('lead_video_id', 'integer').execute();
  await db.schema.createIndex('articles_lead_video').on('articles').column('lead_video_id').execute();

  await db.schema
    .createTable('channels')
    .addColumn('edition', 'varchar(35)', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('streams', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: HLS URLs, first preferred
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('schedule_url', 'text') // a polled XMLTV URL
    .addColumn('schedule_channel', 'text') // the XMLTV channel id to take from it
    .addColumn('schedule_poll_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('schedule_polled_at', 'varchar(30)')
    .addColumn('schedule_error', 'text')
    .addColumn('schedule_locked_until', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await serialId(db.schema.createTable('shows'), sqlite)
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('image_id', 'integer')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shows_edition_slug').on('shows').columns(['edition', 'slug']).unique().execute();

  await serialId(db.schema.createTable('programmes'), sqlite)
    .addColumn('edition', 'varchar(35)', (c) => c.notNull())
    .addColumn('show_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('episode_title', 'text')
    .addColumn('description', 'text')
    .addColumn('starts_at', 'varchar(30)', (c) => c.notNull()) // UTC, ISO 8601
    .addColumn('ends_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('season', 'integer')
    .addColumn('episode', 'integer')
    .addColumn('category', 'text')
    .addColumn('video_id', 'integer') // the replay
    .addColumn('source', 'varchar(16)', (c) => c.notNull()) // xmltv | admin
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('programmes_time').on('programmes').columns(['edition', 'starts_at']).execute();
  await db.schema.createIndex('programmes_show').on('programmes').columns(['show_id', 'starts_at']).execute();

  await db.schema
    .createTable('programme_articles')
    .addColumn('programme_id', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('programme_articles_pk', ['programme_id', 'article_id'])
    .execute();
  await db.schema.createIndex('programme_articles_article').on('programme_articles').column('article_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['programme_articles', 'programmes', 'shows', 'channels', 'video_subtitles', 'video_jobs', 'videos']) await db.schema.dropTable(t).execute();
  await db.schema.dropIndex('articles_lead_video').execute();
  await db.schema.alterTable('articles').dropColumn('lead_video_id').execute();
}
