import { effectiveWatchLevel, notifiedOfNewThread, notifiedOfReply, showsUnread } from './watch-levels';

describe('watch levels', () => {
  it('a thread level wins over its category, which wins over normal', () => {
    expect(effectiveWatchLevel('muted', 'watching')).toBe('muted');
    expect(effectiveWatchLevel(null, 'watching')).toBe('watching');
    expect(effectiveWatchLevel(undefined, null)).toBe('normal');
  });

  it('watching hears every reply; tracking and normal only replies to their posts; muted nothing', () => {
    expect(notifiedOfReply('watching', false)).toBe(true);
    expect(notifiedOfReply('tracking', false)).toBe(false);
    expect(notifiedOfReply('tracking', true)).toBe(true);
    expect(notifiedOfReply('normal', false)).toBe(false);
    expect(notifiedOfReply('normal', true)).toBe(true);
    expect(notifiedOfReply('muted', true)).toBe(false);
  });

  it('only a watched category announces new threads; unread counts show from tracking up', () => {
    expect(notifiedOfNewThread('watching')).toBe(true);
    expect(notifiedOfNewThread('tracking')).toBe(false);
    expect(notifiedOfNewThread(null)).toBe(false);
    expect(showsUnread('tracking')).toBe(true);
    expect(showsUnread('normal')).toBe(false);
  });
});
