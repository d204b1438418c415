package io.duban.chat.wecom;

/** Tencent's published WXBizMsgCrypt sample values, shared by the tests that check against them. */
public final class WeComSamples {

  // Tencent official sample keys (doc 90968, Sample.cs / sample.go)
  public static final String TOKEN = "QDG6eK";
  public static final String CORP_ID = "wx5823bf96d3bd56c7";
  public static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

  // Tencent WeChat Java sample test WXBizMsgCryptTest (fixed random prefix)
  public static final String WC_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  public static final String WC_ID = "wxb11529c136998cb6";
  public static final String WC_RANDOM = "aaaabbbbccccdddd";

  public static final String W_A2_ENCRYPT =
      "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3Qczc"
          + "dCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs"
          + "8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s"
          + "4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wL"
          + "VMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z"
          + "1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

  private WeComSamples() {}
}
