/** The weekly digest whole: what it counts, its text, its chart and the published charts. */
package io.duban.digest;
