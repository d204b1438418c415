/**
 * 佐证材料: pictures and files sent in chat, downloaded from the platform after the message is stored,
 * checked by content and size, stored once per content and attached to the sender's report from the
 * same minutes.
 */
package io.duban.evidence;
