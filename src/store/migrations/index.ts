import type { Migration } from 'kysely';
import * as content from './2026-11-25-0001-content.ts';
import * as siteState from './2026-11-25-0002-site-state.ts';
import * as newsroom from './2026-11-25-0003-newsroom.ts';
import * as webhooks from './2026-11-25-0004-webhooks.ts';
import * as ingest from './2026-11-25-0005-ingest.ts';
import * as translations from './2026-11-30-0006-translations-redirects.ts';
import * as tokenOwnership from './2026-12-06-0030-token-ownership.ts';
import * as readerVisibility from './2026-12-06-0040-reader-visibility.ts';
import * as readerVisibilityData from './2026-12-06-0041-reader-visibility-data.ts';
import * as mediaWrites from './2026-12-07-0050-media-writes.ts';
import * as avifLeases from './2026-12-07-0060-avif-leases.ts';
import * as cdnPurges from './2026-12-07-0070-cdn-purges.ts';
import * as archiveListings from './2026-12-07-0080-archive-listings.ts';
import * as archiveListingsData from './2026-12-07-0081-archive-listings-data.ts';
import * as sectionListingId from './2026-12-07-0085-section-listing-id.ts';
import * as adminList from './2026-12-07-0090-admin-list.ts';
import * as search from './2026-12-07-0100-search.ts';
import * as newsroomSearch from './2026-12-07-0110-newsroom-search.ts';
import * as live from './2026-12-07-0120-live.ts';
import * as wireFlash from './2026-12-07-0121-wire-flash.ts';
import * as pushDue from './2026-12-07-0122-push-due.ts';
import * as contentChanges from './2026-12-07-0126-content-changes.ts';
import * as video from './2026-12-07-0130-video.ts';
import * as videoUploads from './2026-12-07-0131-video-uploads.ts';
import * as publishOverrides from './2026-12-07-0134-publish-overrides.ts';
import * as videoSectionListing from './2026-12-07-0137-video-section-listing.ts';
import * as siteStructure from './2026-12-08-0140-site-structure.ts';
import * as authorsMerged from './2026-12-08-0150-authors-merged.ts';

/** Every migration, by name. Names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-25-0001-content': content,
  '2026-11-25-0002-site-state': siteState,
  '2026-11-25-0003-newsroom': newsroom,
  '2026-11-25-0004-webhooks': webhooks,
  '2026-11-25-0005-ingest': ingest,
  '2026-11-30-0006-translations-redirects': translations,
  '2026-12-06-0030-token-ownership': tokenOwnership,
  '2026-12-06-0040-reader-visibility': readerVisibility,
  '2026-12-06-0041-reader-visibility-data': readerVisibilityData,
  '2026-12-07-0050-media-writes': mediaWrites,
  '2026-12-07-0060-avif-leases': avifLeases,
  '2026-12-07-0070-cdn-purges': cdnPurges,
  '2026-12-07-0080-archive-listings': archiveListings,
  '2026-12-07-0081-archive-listings-data': archiveListingsData,
  '2026-12-07-0085-section-listing-id': sectionListingId,
  '2026-12-07-0090-admin-list': adminList,
  '2026-12-07-0100-search': search,
  '2026-12-07-0110-newsroom-search': newsroomSearch,
  '2026-12-07-0120-live': live,
  '2026-12-07-0121-wire-flash': wireFlash,
  '2026-12-07-0122-push-due': pushDue,
  '2026-12-07-0126-content-changes': contentChanges,
  '2026-12-07-0130-video': video,
  '2026-12-07-0131-video-uploads': videoUploads,
  '2026-12-07-0134-publish-overrides': publishOverrides,
  '2026-12-07-0137-video-section-listing': videoSectionListing,
  '2026-12-08-0140-site-structure': siteStructure,
  '2026-12-08-0150-authors-merged': authorsMerged,
};
