package io.duban.bulletin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The 督查通报 ({@code duban.bulletin}).
 *
 * @param issuer who issues it, printed under the red header and as the signature, default 督查室
 * @param bodyFont the body's font, default 仿宋_GB2312 (the 公文 font; Word falls back to 仿宋 by the
 *     font table's alternative name where it is not installed)
 * @param headingFont the headings' font (一、二、…), default 黑体
 * @param titleFont the red header's and title's font, default 方正小标宋简体 (宋体 where missing)
 * @param maxListed most items listed under 进展较快 and under 进度滞后 each, default 20; the rest are
 *     counted ("等N项") and all are in the attached ledger
 * @param sendWithDigest whether the weekly digest schedule to the leaders' groups also sends the
 *     week's 通报 (a file on WeCom robots, a link elsewhere), default true
 */
@ConfigurationProperties("duban.bulletin")
@Validated
public record BulletinProperties(
    String issuer,
    String bodyFont,
    String headingFont,
    String titleFont,
    Integer maxListed,
    Boolean sendWithDigest) {

  public BulletinProperties {
    issuer = blank(issuer) ? "督查室" : issuer.strip();
    bodyFont = blank(bodyFont) ? "仿宋_GB2312" : bodyFont.strip();
    headingFont = blank(headingFont) ? "黑体" : headingFont.strip();
    titleFont = blank(titleFont) ? "方正小标宋简体" : titleFont.strip();
    maxListed = maxListed == null || maxListed < 1 ? 20 : maxListed;
    sendWithDigest = sendWithDigest == null || sendWithDigest;
  }

  /** The defaults (a static factory: a second constructor would stop Spring binding the record). */
  static BulletinProperties defaults() {
    return new BulletinProperties(null, null, null, null, null, null);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
