import { describe, expect, it } from 'vitest';
import { buildRelatedIndex, relatedTools } from '../../src/core/catalog/related.ts';
import { catalogOf } from '../support/small-catalog.ts';

const tool = (name: string, description: string) => ({ name, description });
const catalog = catalogOf({
  streams: {
    name: 'Streams',
    tools: [
      tool('list_topics', 'Lists the topics.'),
      tool('get_topic', 'Gets a topic.'),
      tool('describe_topic', 'Describes a topic.'),
      tool('read_offsets', 'Reads the offsets.'),
      tool('delete_topic', 'Deletes a topic.'),
      tool('create_topic', 'Creates a topic.'),
      tool('create_acl', 'Creates an access rule.'),
    ],
  },
  brokers: {
    name: 'Brokers',
    tools: [
      tool('list_topics', 'Lists topics.'),
      tool('msk_topics_export', 'Exports the topics.'),
      tool('list_brokers', 'Lists brokers.'),
      tool('list_clusters', 'Lists clusters.'),
    ],
  },
  lonely: { name: 'Lonely', tools: [tool('frobnicate', 'Frobs.')] },
});
const index = buildRelatedIndex(catalog);
const related = (id: string) => {
  const [server, name] = id.split('/');
  return relatedTools(
    catalog.tools.find((t) => t.server.slug === server && t.name === name)!,
    index,
  ).map((t) => `${t.server.slug}/${t.name}`);
};

describe('relatedTools', () => {
  it("three tools of the same server and category, then other servers' tools sharing a name word, the rarer word first", () => {
    // "topics" names 3 tools, "list" 4: brokers' topic tools come before its list tools, and six is the most.
    expect(related('streams/list_topics')).toEqual([
      'streams/describe_topic',
      'streams/get_topic',
      'streams/read_offsets',
      'brokers/list_topics',
      'brokers/msk_topics_export',
      'brokers/list_brokers',
    ]);
  });

  it("fills up with the server's other tools when few share a category or a word", () => {
    expect(related('streams/create_topic')).toEqual([
      'streams/create_acl',
      'streams/delete_topic',
      'streams/describe_topic',
      'streams/get_topic',
      'streams/list_topics',
      'streams/read_offsets',
    ]);
    expect(related('brokers/list_brokers')).toEqual(['brokers/list_clusters', 'brokers/list_topics', 'brokers/msk_topics_export', 'streams/list_topics']);
  });

  it('nothing for a tool alone on its server whose words no other tool has', () => {
    expect(related('lonely/frobnicate')).toEqual([]);
  });

  it.each(catalog.tools.map((t) => [`${t.server.slug}/${t.name}`]))('%s: never itself, never twice, at most six', (id) => {
    const list = related(id);
    expect(list).not.toContain(id);
    expect(new Set(list).size).toBe(list.length);
    expect(list.length).toBeLessThanOrEqual(6);
  });
});
