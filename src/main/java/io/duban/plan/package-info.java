/**
 * Plans and their items, the outline reader of plan documents (text, Word, PDF, Excel) and plan
 * import.
 */
package io.duban.plan;
