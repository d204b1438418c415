package io.duban.demo;

import io.duban.report.ReportStatus;
import java.util.List;
import java.util.Map;

/**
 * What each item of the 2024 seed plan went through in the first half of 2024: the steps its lead
 * unit reported, how far it got by the end of June, and the turn it took (blocked, delayed, done).
 *
 * @param code the plan item
 * @param steps what the lead unit reports as the work advances, in order
 * @param target the percent reached by the last demo week
 * @param turn a status the item takes from {@code turnWeek} on, or null
 * @param turnWeek the ISO week number of 2024 of that turn
 * @param turnText the report text from the turn on
 * @param reason the blocking or delay reason, or null
 * @param every the lead unit reports every n-th week (1 = each week)
 * @param silentFrom the week from which the lead unit stops reporting (0 = never)
 */
record DemoStory(
    String code,
    List<String> steps,
    int target,
    ReportStatus turn,
    int turnWeek,
    String turnText,
    String reason,
    int every,
    int silentFrom) {

  static final int FIRST_WEEK = 2;
  static final int LAST_WEEK = 26;

  /** The spring festival week of 2024, when nobody reports. */
  static final int HOLIDAY_WEEK = 7;

  static DemoStory plain(String code, int target, String... steps) {
    return new DemoStory(code, List.of(steps), target, null, 0, null, null, 1, 0);
  }

  DemoStory every(int weeks) {
    return new DemoStory(code, steps, target, turn, turnWeek, turnText, reason, weeks, silentFrom);
  }

  DemoStory silentFrom(int week) {
    return new DemoStory(code, steps, target, turn, turnWeek, turnText, reason, every, week);
  }

  DemoStory turns(ReportStatus status, int week, String text, String why) {
    return new DemoStory(code, steps, target, status, week, text, why, every, silentFrom);
  }

  /** The stories, by item code. */
  static final Map<String, DemoStory> STORIES =
      Map.ofEntries(
          entry(
              plain(
                  "1.1",
                  50,
                  "科创园管理体系谋划方案起草中，已走访3家入园机构",
                  "科创园管理体系谋划方案初稿已完成，正在征求入园单位意见",
                  "展厅设计方案已委托设计单位，完成现场踏勘",
                  "展厅设计方案第二稿已提交，正在修改完善",
                  "展厅设计方案已定稿，启动布展招标准备")),
          entry(
              plain(
                  "1.2",
                  45,
                  "梳理省重点实验室培育对象，走访药创院等5家单位",
                  "指导药创院编制省重点实验室申报材料",
                  "省新型研发机构申报动员会已召开，收到意向申报7家",
                  "药创院省重点实验室申报材料已报送省科技厅",
                  "省新型研发机构申报材料通过形式审查，等待专家评审")),
          entry(
              plain(
                      "1.3",
                      90,
                      "扩区范围初步划定，征求火炬开发区意见",
                      "扩区方案初稿已完成，组织专家论证",
                      "扩区方案已报市政府审定",
                      "扩区方案已报省科技厅")
                  .turns(ReportStatus.DONE, 24, "扩区方案已获省科技厅批复，任务完成", null)),
          entry(
              plain(
                  "2",
                  50,
                  "“百人进千企”服务团队组建方案已印发",
                  "服务团队完成首轮培训，走访企业86家",
                  "累计走访企业320家，指导企业规范研发费用归集",
                  "累计走访企业560家，举办研发费用加计扣除政策宣讲12场",
                  "上半年累计走访企业810家，研发投入统计数据汇总中")),
          entry(
              plain("3", 30, "高企培育库申报通知已发布", "收到入库申请214家，正在形式审查", "入库企业名单初审完成，待核实研发费用")
                  .turns(ReportStatus.BLOCKED, 22, "高企培育库入库受阻，需税务部门提供企业研发费用数据", "税务部门研发费用数据暂未共享")),
          entry(
              plain(
                  "4.1",
                  55,
                  "与香港科技园对接2024年合作事项",
                  "组织12家企业赴港参加科技成果对接会",
                  "港中科创合作项目库新增项目9个",
                  "香港高校成果转化中心选址方案已报审")),
          entry(
              plain(
                      "4.2",
                      40,
                      "深中科技创新合作联席会议筹备中",
                      "联席会议已召开，形成合作事项清单15项",
                      "深中联合攻关项目指南已编制",
                      "联合攻关项目申报受理38项")
                  .silentFrom(25)),
          entry(
              plain(
                      "5",
                      50,
                      "2024年外国专家交流活动方案起草中",
                      "外国专家交流活动方案已印发",
                      "组织申报省级人才项目，受理材料23份",
                      "外籍人才服务专窗接待咨询46人次")
                  .every(2)),
          entry(
              plain(
                  "6",
                  45,
                  "科技信贷风险补偿资金池合作银行遴选中",
                  "新增科技信贷合作银行2家",
                  "科技型企业贷款贴息申报受理52家",
                  "举办科技金融路演2场，对接融资需求1.8亿元")),
          entry(
              plain("7", 35, "科技服务业统计口径与统计局对接中", "一季度科技服务业营收数据已汇总")
                  .turns(ReportStatus.DELAYED, 20, "科技服务业营收数据统计滞后，上半年数据预计7月中旬提供", "统计局数据发布推迟")),
          entry(
              plain(
                      "8",
                      40,
                      "科技体制改革年度任务清单已分解到科室",
                      "科研经费“包干制”试点方案起草中",
                      "下属事业单位改革方案征求意见",
                      "下属事业单位改革方案修改完善中")
                  .every(3)
                  .silentFrom(24)));

  private static Map.Entry<String, DemoStory> entry(DemoStory story) {
    return Map.entry(story.code(), story);
  }
}
