// Pending saves and recently saved pages in chrome.storage.local, one key per pending save
// ("pending:<id>") so a large capture is written once, not with every change to the queue.

const PENDING_PREFIX = "pending:";
const RECENT_KEY = "recentSaves";
const RECENT_KEPT = 20;

export function pendingKey(id) {
  return PENDING_PREFIX + id;
}

export async function listPending(storage) {
  const all = await storage.local.get(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith(PENDING_PREFIX))
    .map(([, item]) => item)
    .sort((a, b) => a.createdAt - b.createdAt);
}

export async function putPending(storage, item) {
  await storage.local.set({ [pendingKey(item.id)]: item });
}

export async function removePending(storage, id) {
  await storage.local.remove(pendingKey(id));
}

export async function listRecent(storage) {
  const { [RECENT_KEY]: recent } = await storage.local.get(RECENT_KEY);
  return recent || [];
}

export async function addRecent(storage, entry) {
  const recent = (await listRecent(storage)).filter((r) => r.id !== entry.id);
  recent.unshift(entry);
  await storage.local.set({ [RECENT_KEY]: recent.slice(0, RECENT_KEPT) });
}

/** Did a storage.onChanged event touch the queue or the recent list? */
export function touchesQueue(changes) {
  return Object.keys(changes).some((key) => key.startsWith(PENDING_PREFIX) || key === RECENT_KEY);
}
