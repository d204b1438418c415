/**
 * Units, contacts, group chats and item responsibilities; the responsibilities sheet and the item
 * tree with its assignments.
 */
package io.duban.unit;
