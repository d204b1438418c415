/**
 * The chat platforms' whole edge: one sub-package per platform (callback or stream, crypto,
 * normalisation, sender, signature); at the root the inbound store and hand-over and the outbound
 * contract every platform implements.
 */
package io.duban.chat;
