/* trellis-demo-goals.c
 *
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "trellis-goal-template.h"
#include "trellis-clock.h"
#include "trellis-demo-goals.h"
#include "trellis-goal.h"
#include "trellis-okr.h"

/* A year of goals for the demo company of seed 004.
 *
 * The cascade: three company objectives for the year; one objective per HQ
 * department and half-year; two objectives per region and quarter; two per
 * sales and service department and quarter, aligned to their region's key
 * results; and per person and quarter a business objective aligned to a key
 * result of their department plus a development (sometimes innovation)
 * objective.
 *
 * Rows are written with multi-row INSERTs, not through TrellisGoal objects:
 * a 100,000-person demo has about 800,000 goals and four and a half
 * million check-ins. The key results' current value, previous value,
 * confidence and last check-in time are computed by simulating the
 * check-ins first, so they match the history exactly as
 * trellis_goal_repository_add_checkin() would have left them.
 *
 * Goals are written in the goals phase, check-ins in a second pass that
 * replays the same per-person random streams: nothing per check-in is kept
 * in memory, and goal, key result and check-in rows all go in in id order,
 * which keeps SQLite's indexes appending.
 *
 * The audit trail: the bulk rows (goals, key results, approvals) go in with
 * the schema's triggers switched off on this connection, and the rows
 * those triggers would have written follow in one INSERT … SELECT per
 * table, with the owner (a department's head) as actor and the creation or
 * approval time — five times cheaper than a trigger per row. Change
 * requests, their decisions and the weight rule are then written with the
 * triggers on, the store's actor and clock set to who acted and when; the
 * caller's actor and clock are put back at the end. */

/* Content */

typedef struct
{
  const char *title;
  const char *unit;       /* "%" makes the measure a percentage */
  double      baseline;
  double      target_lo;  /* the target is drawn from [lo, hi] */
  double      target_hi;
  int         decimals;   /* values are multiples of 10^-decimals */
  gboolean    aspirational;
} KrSpec;

typedef struct
{
  const char *title;
  double      weight;
  KrSpec      krs[3];
  double      kr_weights[3];
  guint       n_krs;
  /* Company objectives: a description. Department objectives: the parent
   * key result, as "objective index * 3 + KR index" in the level above. */
  const char *description;
  int         parent;
} ObjectiveSpec;

/* Company objectives for the year. Seed 004: revenue 12.7 亿元, 17 regions,
 * A-class customers, 重点客户渗透率, service response time; seed 004 §4's
 * health metrics (目标对齐度 31 %) and development (IDP). */
static const ObjectiveSpec company_objectives[] = {
  { "营收突破14亿元，扩大A类客户版图", 0.40,
    { { "年度营收（全年滚动预测）", "亿元", 12.7, 14, 14, 2, FALSE },
      { "A类客户新增签约", "家", 0, 400, 400, 0, TRUE },
      { "重点客户渗透率", "%", 35, 50, 50, 1, TRUE } },
    { 0.40, 0.35, 0.25 }, 3,
    "以A类客户为突破口，带动全国17个大区的销售增长。", -1 },
  { "打造行业领先的设备服务体验", 0.35,
    { { "设备故障平均响应时间", "小时", 8, 4, 4, 1, FALSE },
      { "服务满意度", "%", 86, 95, 95, 1, FALSE },
      { "一次修复率", "%", 78, 90, 90, 1, FALSE } },
    { 0.40, 0.30, 0.30 }, 3,
    "服务工程师处理完故障即留痕，响应时效和修复质量可追溯。", -1 },
  { "建设以成长为导向的高绩效组织", 0.25,
    { { "完成IDP的员工比例", "%", 40, 90, 90, 1, FALSE },
      { "核心人才保留率", "%", 88, 95, 95, 1, FALSE },
      { "目标对齐度（抽样访谈）", "%", 31, 75, 75, 0, TRUE } },
    { 0.40, 0.30, 0.30 }, 3,
    "绩效不是年底打分：目标对齐、过程反馈、成长发展。", -1 },
};

/* Company KRs by position: objective * 3 + KR. */
enum {
  COMPANY_KR_REVENUE = 0,
  COMPANY_KR_A_CLASS = 1,
  COMPANY_KR_PENETRATION = 2,
  COMPANY_KR_RESPONSE = 3,
  COMPANY_KR_SATISFACTION = 4,
  COMPANY_KR_FIRST_FIX = 5,
  COMPANY_KR_IDP = 6,
  COMPANY_KR_RETENTION = 7,
  COMPANY_KR_ALIGNMENT = 8,
};

/* Region objectives per quarter; the sales target is scaled to the region. */
static const ObjectiveSpec region_objectives[] = {
  { "扩大A类客户覆盖，提升区域销售业绩", 0.70,
    { { "区域销售额", "万元", 0, 0, 0, 0, FALSE },
      { "A类客户新增签约增长率", "%", 0, 25, 25, 1, FALSE },
      { "新客户首单转化率", "%", 20, 30, 30, 1, FALSE } },
    { 0.45, 0.30, 0.25 }, 3, NULL, COMPANY_KR_REVENUE },
  { "服务响应提速，客户满意度提升", 0.30,
    { { "设备故障平均响应时间", "小时", 8, 5, 5, 1, FALSE },
      { "客户满意度", "%", 86, 93, 93, 1, FALSE },
      { "一次修复率", "%", 78, 88, 88, 1, FALSE } },
    { 0.40, 0.30, 0.30 }, 3, NULL, COMPANY_KR_RESPONSE },
};

enum { REGION_KR_SALES = 0, REGION_KR_A_CLASS = 1, REGION_KR_CONVERSION = 2,
       REGION_KR_RESPONSE = 3, REGION_KR_SATISFACTION = 4 };

static const ObjectiveSpec sales_objectives[] = {
  { "完成区域销售指标，深耕重点医院", 0.60,
    { { "部门销售额", "万元", 0, 0, 0, 0, FALSE },
      { "重点医院覆盖", "家", 0, 20, 36, 0, FALSE },
      { "新客户首单转化率", "%", 20, 30, 30, 1, TRUE } },
    { 0.50, 0.25, 0.25 }, 3, NULL, REGION_KR_SALES },
  { "新增A类客户签约", 0.40,
    { { "A类客户新增签约", "家", 0, 5, 9, 0, FALSE },
      { "商机转化周期", "天", 60, 45, 45, 0, FALSE } },
    { 0.60, 0.40 }, 2, NULL, REGION_KR_A_CLASS },
};

static const ObjectiveSpec service_objectives[] = {
  { "缩短故障响应时间，提升一次修复率", 0.60,
    { { "平均响应时效", "小时", 8, 5, 5, 1, FALSE },
      { "一次修复率", "%", 78, 88, 88, 1, FALSE } },
    { 0.50, 0.50 }, 2, NULL, REGION_KR_RESPONSE },
  { "提升客户满意度与备件保障", 0.40,
    { { "客户满意度", "%", 86, 93, 93, 1, FALSE },
      { "备件周转天数", "天", 30, 20, 20, 0, FALSE } },
    { 0.60, 0.40 }, 2, NULL, REGION_KR_SATISFACTION },
};

/* Department KRs by position, for people to align to: objective * 3 + KR. */
enum { SALES_KR_REVENUE = 0, SALES_KR_HOSPITALS = 1, SALES_KR_CONVERSION = 2, SALES_KR_A_CLASS = 3,
       SERVICE_KR_RESPONSE = 0, SERVICE_KR_FIRST_FIX = 1, SERVICE_KR_SATISFACTION = 3,
       SERVICE_KR_PARTS = 4 };

/* HQ departments, in the order of trellis-demo.c: one objective per half. */
typedef struct
{
  const char    *suffix;       /* "HR" for HQ-HR */
  ObjectiveSpec  objective;
  KrSpec         bank[5];      /* personal KRs for the department's people */
  const char    *titles[2];    /* personal objectives */
} HqUnitSpec;

static const HqUnitSpec hq_units[] = {
  { "HR",
    { "推动IDP全覆盖，提升反馈质量", 1.0,
      { { "IDP制定完成率", "%", 40, 90, 90, 1, FALSE },
        { "绩效反馈周均次数", "次", 0.7, 2.4, 2.4, 1, TRUE },
        { "关键岗位招聘到岗率", "%", 70, 95, 95, 1, FALSE } },
      { 0.40, 0.30, 0.30 }, 3, NULL, COMPANY_KR_IDP },
    { { "绩效面谈覆盖率", "%", 60, 95, 95, 1, FALSE },
      { "招聘到岗人数", "人", 0, 8, 15, 0, FALSE },
      { "培训课程上线", "门", 0, 6, 10, 0, FALSE },
      { "IDP辅导次数", "次", 0, 10, 20, 0, FALSE },
      { "员工调研参与率", "%", 50, 80, 80, 1, FALSE } },
    { "支持业务部门落地IDP与绩效反馈", "提升招聘与培训交付效率" } },
  { "FIN",
    { "强化回款与费用管控", 1.0,
      { { "应收账款周转天数", "天", 95, 75, 75, 0, FALSE },
        { "费用预算执行偏差", "%", 8, 3, 3, 1, FALSE },
        { "月结完成时效", "天", 7, 4, 4, 1, FALSE } },
      { 0.40, 0.30, 0.30 }, 3, NULL, COMPANY_KR_REVENUE },
    { { "回款跟进完成率", "%", 70, 95, 95, 1, FALSE },
      { "报销审核时效", "天", 5, 2, 2, 1, FALSE },
      { "财务分析报告", "份", 0, 6, 12, 0, FALSE },
      { "凭证差错率", "%", 2, 0.5, 0.5, 1, FALSE },
      { "月结按时完成率", "%", 80, 100, 100, 1, FALSE } },
    { "提升回款与核算质量", "为经营决策提供及时的财务分析" } },
  { "IT",
    { "数字化支撑一线业务", 1.0,
      { { "CRM移动端使用率", "%", 45, 85, 85, 1, FALSE },
        { "系统可用率", "%", 99, 99.9, 99.9, 2, FALSE },
        { "商机快照平均提交时长", "秒", 120, 30, 30, 0, TRUE } },
      { 0.40, 0.30, 0.30 }, 3, NULL, COMPANY_KR_PENETRATION },
    { { "工单按时解决率", "%", 80, 95, 95, 1, FALSE },
      { "数据看板需求交付", "个", 0, 6, 12, 0, FALSE },
      { "系统故障恢复时长", "分钟", 60, 30, 30, 0, FALSE },
      { "自动化脚本上线", "个", 0, 4, 8, 0, FALSE },
      { "移动端问题闭环率", "%", 70, 95, 95, 1, FALSE } },
    { "保障系统稳定，支撑一线移动办公", "交付业务数据看板" } },
  { "MKT",
    { "学术推广带动A类客户增长", 1.0,
      { { "学术会议场次", "场", 0, 24, 30, 0, FALSE },
        { "市场线索数", "条", 0, 1200, 1200, 0, TRUE },
        { "线索转化率", "%", 8, 12, 12, 1, FALSE } },
      { 0.40, 0.30, 0.30 }, 3, NULL, COMPANY_KR_A_CLASS },
    { { "学术会议组织", "场", 0, 4, 8, 0, FALSE },
      { "市场线索", "条", 0, 150, 300, 0, FALSE },
      { "产品培训覆盖医院", "家", 0, 10, 20, 0, FALSE },
      { "推广物料按时交付率", "%", 80, 95, 95, 1, FALSE },
      { "线索转化率", "%", 8, 12, 12, 1, TRUE } },
    { "以学术推广获取高质量线索", "提升产品在重点医院的认知度" } },
  { "QRA",
    { "守住合规底线，保障产品质量", 1.0,
      { { "注册证按期续证率", "%", 90, 100, 100, 1, FALSE },
        { "不良事件按时上报率", "%", 92, 100, 100, 1, FALSE },
        { "内审问题关闭率", "%", 70, 95, 95, 1, FALSE } },
      { 0.40, 0.30, 0.30 }, 3, NULL, COMPANY_KR_SATISFACTION },
    { { "内审问题关闭率", "%", 70, 95, 95, 1, FALSE },
      { "注册资料按期提交率", "%", 85, 100, 100, 1, FALSE },
      { "质量培训场次", "场", 0, 4, 8, 0, FALSE },
      { "供应商审核完成", "家", 0, 6, 10, 0, FALSE },
      { "GMP文档规范完成率", "%", 70, 95, 95, 1, FALSE } },
    { "保障注册与质量体系合规", "推进GMP文档规范" } },
  { "SCM",
    { "提升备件保障与物流时效", 1.0,
      { { "备件满足率", "%", 85, 96, 96, 1, FALSE },
        { "平均配送时效", "小时", 36, 24, 24, 0, FALSE },
        { "库存周转天数", "天", 60, 45, 45, 0, FALSE } },
      { 0.40, 0.30, 0.30 }, 3, NULL, COMPANY_KR_RESPONSE },
    { { "备件满足率", "%", 85, 96, 96, 1, FALSE },
      { "配送准时率", "%", 88, 97, 97, 1, FALSE },
      { "库存盘点差异率", "%", 1.5, 0.5, 0.5, 1, FALSE },
      { "入库处理时效", "小时", 24, 12, 12, 0, FALSE },
      { "调拨响应时效", "小时", 12, 6, 6, 0, FALSE } },
    { "保障备件供应，缩短配送时效", "提升仓储作业准确率" } },
  { "SOP",
    { "销售运营提效，支撑一线签约", 1.0,
      { { "订单处理时效", "小时", 24, 8, 8, 0, FALSE },
        { "合同审核一次通过率", "%", 80, 95, 95, 1, FALSE },
        { "销售数据准确率", "%", 92, 99, 99, 1, FALSE } },
      { 0.40, 0.30, 0.30 }, 3, NULL, COMPANY_KR_REVENUE },
    { { "订单处理时效", "小时", 24, 8, 8, 0, FALSE },
      { "合同审核一次通过率", "%", 80, 95, 95, 1, FALSE },
      { "销售数据准确率", "%", 92, 99, 99, 1, FALSE },
      { "商务报价响应时效", "小时", 12, 4, 4, 0, FALSE },
      { "投标文件按时递交率", "%", 90, 100, 100, 1, FALSE } },
    { "提升订单与合同处理效率", "保障销售数据准确及时" } },
};

typedef enum {
  FAMILY_SALES,
  FAMILY_SERVICE,
  FAMILY_OFFICE,
} Family;

/* Personal objectives by job title: the title, the KRs to pick 2–3 from,
 * and the department KR (position as above) the objective aligns to. */
typedef struct
{
  const char *job;
  Family      family;
  const char *titles[2];
  KrSpec      bank[4];
  int         align_kr;
} RoleSpec;

static const RoleSpec roles[] = {
  { "销售代表", FAMILY_SALES, { "完成个人销售指标，拓展重点客户", "深耕负责区域，提升新客户转化" },
    { { "个人销售额", "万元", 0, 80, 150, 0, FALSE },
      { "重点客户拜访", "次", 0, 40, 60, 0, FALSE },
      { "新客户首单转化率", "%", 15, 25, 25, 1, TRUE },
      { "新增商机", "个", 0, 8, 15, 0, FALSE } }, SALES_KR_REVENUE },
  { "高级销售代表", FAMILY_SALES, { "稳住存量医院，突破新客户", "完成个人销售指标，提升重点医院覆盖" },
    { { "个人销售额", "万元", 0, 150, 260, 0, FALSE },
      { "重点医院覆盖", "家", 0, 6, 10, 0, FALSE },
      { "新客户首单转化率", "%", 18, 28, 28, 1, TRUE },
      { "招标项目参与", "个", 0, 4, 8, 0, FALSE } }, SALES_KR_HOSPITALS },
  { "KA客户经理", FAMILY_SALES, { "突破A类客户，提升重点医院渗透", "主导重点医院招投标" },
    { { "A类客户销售额", "万元", 0, 300, 500, 0, FALSE },
      { "A类客户新增签约", "家", 0, 4, 6, 0, FALSE },
      { "招标项目中标率", "%", 30, 45, 45, 1, TRUE },
      { "重点客户渗透率", "%", 35, 50, 50, 1, FALSE } }, SALES_KR_A_CLASS },
  { "销售培训专员", FAMILY_SALES, { "提升销售团队专业能力", "帮助新人快速上手" },
    { { "新人培训场次", "场", 0, 6, 10, 0, FALSE },
      { "培训后考核通过率", "%", 80, 95, 95, 1, FALSE },
      { "销售话术库更新", "条", 0, 20, 40, 0, FALSE },
      { "新客户首单转化率", "%", 18, 26, 26, 1, TRUE } }, SALES_KR_CONVERSION },
  { "销售主管", FAMILY_SALES, { "带领小组完成季度销售目标", "提升小组拜访质量与转化" },
    { { "小组销售额", "万元", 0, 600, 1000, 0, FALSE },
      { "小组拜访达标率", "%", 70, 90, 90, 1, FALSE },
      { "新客户首单转化率", "%", 18, 28, 28, 1, TRUE },
      { "下属1v1沟通", "次", 0, 12, 24, 0, FALSE } }, SALES_KR_REVENUE },
  { "大区销售经理", FAMILY_SALES, { "带领销售部完成大区销售目标", "打造高绩效销售团队" },
    { { "部门销售额达成率", "%", 0, 100, 100, 1, FALSE },
      { "重点医院覆盖", "家", 0, 20, 36, 0, FALSE },
      { "团队IDP完成率", "%", 40, 90, 90, 1, FALSE },
      { "下属1v1沟通", "次", 0, 12, 24, 0, FALSE } }, SALES_KR_REVENUE },
  { "服务工程师", FAMILY_SERVICE, { "提升服务响应速度与修复质量", "保障负责医院设备稳定运行" },
    { { "平均响应时效", "小时", 8, 5, 5, 1, FALSE },
      { "一次修复率", "%", 75, 88, 88, 1, FALSE },
      { "完成工单", "单", 0, 60, 90, 0, FALSE },
      { "预防性维护", "台", 0, 20, 40, 0, FALSE } }, SERVICE_KR_RESPONSE },
  { "高级服务工程师", FAMILY_SERVICE, { "攻克疑难故障，带教新人", "提升一次修复率" },
    { { "一次修复率", "%", 80, 92, 92, 1, FALSE },
      { "疑难故障处理", "单", 0, 15, 25, 0, FALSE },
      { "带教新人", "次", 0, 6, 12, 0, FALSE },
      { "平均响应时效", "小时", 7, 4.5, 4.5, 1, TRUE } }, SERVICE_KR_FIRST_FIX },
  { "临床应用专家", FAMILY_SERVICE, { "提升临床应用支持满意度", "推动新装机设备规范使用" },
    { { "临床培训场次", "场", 0, 10, 16, 0, FALSE },
      { "客户满意度", "%", 88, 95, 95, 1, FALSE },
      { "装机验收一次通过率", "%", 85, 95, 95, 1, FALSE },
      { "临床使用问题闭环率", "%", 80, 95, 95, 1, TRUE } }, SERVICE_KR_SATISFACTION },
  { "备件专员", FAMILY_SERVICE, { "保障备件供应，缩短周转", "提升备件库存准确率" },
    { { "备件周转天数", "天", 30, 20, 20, 0, FALSE },
      { "备件满足率", "%", 85, 96, 96, 1, FALSE },
      { "备件库存准确率", "%", 95, 99.5, 99.5, 1, FALSE },
      { "紧急调拨响应时效", "小时", 12, 6, 6, 0, FALSE } }, SERVICE_KR_PARTS },
  { "服务主管", FAMILY_SERVICE, { "带领小组提升服务体验", "缩短小组故障响应时间" },
    { { "小组平均响应时效", "小时", 8, 5, 5, 1, FALSE },
      { "小组一次修复率", "%", 78, 90, 90, 1, FALSE },
      { "客户满意度", "%", 86, 94, 94, 1, FALSE },
      { "工单闭环及时率", "%", 85, 97, 97, 1, FALSE } }, SERVICE_KR_RESPONSE },
  { "大区服务经理", FAMILY_SERVICE, { "带领服务部提升大区服务口碑", "打造专业服务团队" },
    { { "部门客户满意度", "%", 86, 93, 93, 1, FALSE },
      { "部门一次修复率", "%", 78, 88, 88, 1, FALSE },
      { "团队IDP完成率", "%", 40, 90, 90, 1, FALSE },
      { "下属1v1沟通", "次", 0, 12, 24, 0, FALSE } }, SERVICE_KR_FIRST_FIX },
  { "大区总监", FAMILY_SALES, { "完成大区经营目标，提升重点客户渗透", "推动大区销售与服务协同" },
    { { "大区销售额达成率", "%", 0, 100, 100, 1, FALSE },
      { "重点客户渗透率", "%", 35, 50, 50, 1, TRUE },
      { "A类客户新增签约", "家", 0, 5, 9, 0, FALSE },
      { "团队IDP完成率", "%", 40, 90, 90, 1, FALSE } }, REGION_KR_SALES },
  { "销售副总裁", FAMILY_SALES, { "推动全国销售增长", "扩大A类客户版图" },
    { { "全国销售额达成率", "%", 0, 100, 100, 1, FALSE },
      { "A类客户新增签约", "家", 0, 80, 110, 0, TRUE },
      { "重点客户渗透率", "%", 35, 50, 50, 1, FALSE },
      { "大区总监1v1沟通", "次", 0, 17, 34, 0, FALSE } }, COMPANY_KR_REVENUE },
  { "服务副总裁", FAMILY_SERVICE, { "打造领先的服务体验", "缩短全国故障响应时间" },
    { { "全国平均响应时效", "小时", 8, 4, 4, 1, FALSE },
      { "服务满意度", "%", 86, 95, 95, 1, FALSE },
      { "一次修复率", "%", 78, 90, 90, 1, FALSE },
      { "服务经理1v1沟通", "次", 0, 17, 34, 0, FALSE } }, COMPANY_KR_RESPONSE },
};

static const char * const development_titles[] = {
  "提升医疗政策解读能力", "掌握复杂谈判策略", "提升数据分析能力", "考取医疗器械相关资质",
  "提升临床沟通能力", "完成新任管理者训练营", "提升英文产品资料阅读能力", "学习医疗AI新技术",
  "提升跨部门协作能力", "系统学习GMP与法规知识",
};

static const KrSpec development_krs[] = {
  { "完成线上课程", "门", 0, 4, 8, 0, FALSE },
  { "学习计划完成率", "%", 0, 100, 100, 0, FALSE },
  { "导师辅导", "次", 0, 4, 6, 0, FALSE },
  { "撰写案例复盘", "篇", 0, 4, 6, 0, FALSE },
  { "读书笔记", "篇", 0, 4, 6, 0, TRUE },
};

static const char * const innovation_titles[] = {
  "试点远程诊断服务", "探索AI辅助装机培训", "建立区域客户社群运营", "优化备件调拨小程序",
  "试点30秒商机快照提报", "设计新客户首单激励方案",
};

static const KrSpec innovation_krs[] = {
  { "试点客户", "家", 0, 4, 8, 0, TRUE },
  { "方案完成度", "%", 0, 100, 100, 0, FALSE },
  { "试点用户满意度", "%", 70, 90, 90, 1, TRUE },
};

/* Short check-in notes, by family and by how things go. */
static const char * const notes[3][3][5] = {
  [FAMILY_SALES] = {
    { "签下一家三甲医院，进度超预期", "A类客户首单落地", "招标中标，本周回款到账",
      "重点客户拜访顺利，商机推进中", "新医院科室会反响很好" },
    { "按计划拜访客户，进展正常", "跟进招标项目，等待结果", "本周完成两次科室会",
      "商机推进中，下周约见设备科", "客户试用反馈良好" },
    { "某医院招标政策突变，项目延后", "集采价格下调，利润承压", "客户预算冻结，需调整打法",
      "竞品降价抢单，需要支持", "关键联系人调岗，关系需重建" },
  },
  [FAMILY_SERVICE] = {
    { "本周工单全部按时闭环", "一次修复率明显提升", "客户来电表扬响应及时",
      "疑难故障远程解决", "装机验收一次通过" },
    { "按计划完成巡检", "备件到货及时，维修正常", "完成两台设备装机验收",
      "工单量平稳", "完成预防性维护计划" },
    { "备件缺货导致维修延误", "设备老化故障频发", "偏远医院路途远，响应超时",
      "同时处理多起故障，人手紧张", "等待厂家技术支持" },
  },
  [FAMILY_OFFICE] = {
    { "提前完成本周计划", "流程优化见效", "数据质量明显改善", "业务部门反馈很好",
      "关键节点提前交付" },
    { "按计划推进", "本周完成阶段性交付", "与业务部门对齐了需求", "进度正常",
      "完成了一次复盘" },
    { "需求变更较多，进度受影响", "系统问题待IT支持", "人手不足，需要协调资源",
      "等待外部审批", "数据口径仍在确认" },
  },
};

static const char * const development_notes[] = {
  "完成一门线上课程", "与导师进行了一次辅导", "整理了一篇案例复盘", "参加了部门分享会",
  "学习进度正常", "读完一本专业书",
};

static const char * const returned_comments[] = {
  "关键结果不够具体，请补充可衡量的目标值",
  "目标值偏低，请与部门目标对齐后再提交",
  "请补充新客户开发相关的关键结果",
  "权重分配需调整：核心业务KR权重应不低于40%",
};

static const char * const change_reasons[] = {
  "某医院招标政策突变，项目延期至下季度",
  "集采价格下调，销售额目标需相应调整",
  "区域人员调整，负责医院减少",
  "重点客户预算冻结，采购推迟",
  "医院搬迁新院区，设备采购推迟",
};

/* Random numbers: the same splitmix64 as trellis-demo.c, so one seed drives
 * the whole workspace. */

static guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint64
rng_next (guint64 *state)
{
  return mix64 (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
}

static guint
rng_below (guint64 *state,
           guint    n)
{
  return n == 0 ? 0 : (guint)(rng_next (state) % n);
}

/* Uniform in [0, 1). */
static double
rng_double (guint64 *state)
{
  return (rng_next (state) >> 11) * (1.0 / 9007199254740992.0);
}

static double
rng_range (guint64 *state,
           double   lo,
           double   hi)
{
  return lo + (hi - lo) * rng_double (state);
}

static gboolean
rng_chance (guint64 *state,
            double   probability)
{
  return rng_double (state) < probability;
}

/* An independent stream for one owner and period. The check-in pass
 * replays it to write what the goals pass simulated. */
static guint64
stream_seed (guint64 base,
             guint64 owner,
             guint64 period)
{
  return mix64 (base ^ mix64 (owner * 16 + period + 1));
}

/* The organisation as read back from the store */

typedef enum {
  UNIT_OTHER,
  UNIT_COMPANY,
  UNIT_HQ,
  UNIT_HQ_EXE,
  UNIT_HQ_DEPARTMENT,
  UNIT_REGION,
  UNIT_SALES,
  UNIT_SERVICE,
} UnitClass;

#define N_QUARTERS 4
#define MAX_GOALS  3
#define MAX_KRS    3
#define ID_SIZE    16

/* The abnormal-progress check compares a key result's last check-in with
 * the one before: that last step never moves more than this share of the
 * range, so only the deliberately abnormal ones trip the 30-point check
 * (with room for a target lowered by a change request). Earlier steps are
 * history and may be larger, up to HISTORY_STEP. */
#define MAX_STEP     0.25
#define HISTORY_STEP 0.75

typedef struct _OwnerPlan OwnerPlan;

typedef struct
{
  const char *id;
  const char *name;
  int         parent;
  int         head;          /* person index, or -1 */
  UnitClass   unit;
  int         home;          /* the department whose goals its people align to */
  int         hq_unit;       /* index into hq_units[], or -1 */
  int         region;        /* 0-based region number, or -1 */
  guint       headcount;     /* people in it and below */
  /* Goals it owns: per quarter, or per half for HQ departments. */
  OwnerPlan  *plans[N_QUARTERS];
} Dept;

typedef enum {
  SPECIAL_GOAL_WEIGHTS = 1 << 0,     /* goal weights add up to 90 % */
  SPECIAL_KR_WEIGHTS = 1 << 1,       /* a draft whose KR weights add up to 90 % */
  SPECIAL_CHANGE = 1 << 2,           /* asks to lower a target */
  SPECIAL_CHANGE_REJECTED = 1 << 3,  /* …and is refused */
} Special;

typedef struct
{
  const char *id;
  const char *name;
  const char *title;
  const char *level;
  int         dept;
  int         manager;     /* person index, or -1 */
  gboolean    active;
  guint8      special;     /* Special, for the current quarter */
} Person;

/* Plans: what one owner writes for one period */

typedef struct
{
  char           id[ID_SIZE];
  const char    *title;
  const char    *unit;
  TrellisMeasure measure;
  double         baseline;
  double         target;          /* after an approved change request */
  double         original_target;
  int            decimals;
  gboolean       aspirational;
  double         weight;
  double         pace;            /* progress per unit of elapsed cycle */
  double         forced_step;     /* > 0: each check-in adds this (the weight rule's KR) */
  double         forced_cap;
  /* What its check-ins leave behind */
  double         current;
  gboolean       has_previous;
  double         previous;
  int            confidence;      /* -1: never given */
  int            last_day;        /* -1: no check-in */
  int            last_second;
} KrPlan;

typedef struct
{
  char                id[ID_SIZE];
  const char         *title;
  const char         *description;
  TrellisOwnerKind    owner_kind;
  int                 owner_dept;
  int                 owner_person;
  const char         *cycle_id;
  int                 cycle_start;     /* day of the year */
  int                 cycle_end;
  const char         *parent_kr;       /* id, or NULL */
  TrellisGoalCategory category;
  TrellisGoalOrigin   origin;
  double              weight;
  TrellisGoalState    state;
  int                 approval_step;
  Family              family;
  guint               n_krs;
  KrPlan              krs[MAX_KRS];
} GoalPlan;

typedef struct
{
  guint8      goal;
  guint8      kr;
  int         day;
  int         second;
  double      value;
  int         confidence;
  const char *note;
} CheckinPlan;

typedef struct
{
  guint8      goal;
  const char *action;          /* "submit", "approve", "return", "file" */
  int         step;
  int         actor;           /* person index */
  int         day;
  int         second;
  const char *comment;
} ActionPlan;

typedef enum {
  CHANGE_NONE,
  CHANGE_PENDING,
  CHANGE_APPROVED,
  CHANGE_REJECTED,
} ChangeOutcome;

struct _OwnerPlan
{
  int           actor;          /* who owns the goals and posts the check-ins */
  int           created_day;
  int           created_second;
  guint         n_goals;
  GoalPlan      goals[MAX_GOALS];
  GArray       *checkins;       /* CheckinPlan */
  GArray       *actions;        /* ActionPlan */
  /* A goal-change request on the first goal */
  ChangeOutcome change;
  guint8        change_kr;
  double        change_old;
  double        change_new;
  const char   *change_reason;
  int           change_approver;
  int           change_day;
  int           change_second;
  int           decided_day;
  int           decided_second;
};

/* A goal-change request, kept until the audit triggers are back on. */
typedef struct
{
  char          goal_id[ID_SIZE];
  char          kr_id[ID_SIZE];
  const char   *kr_title;
  const char   *unit;
  int           decimals;
  double        old_value;
  double        new_value;
  const char   *reason;
  int           requester;
  int           approver;
  int           day;
  int           second;
  int           decided_day;
  int           decided_second;
  ChangeOutcome outcome;
} ChangeRecord;

typedef enum {
  WORKFLOW_APPROVED,
  WORKFLOW_SUBMITTED,
  WORKFLOW_RETURNED,
  WORKFLOW_DRAFT,
} WorkflowChoice;

typedef struct
{
  TrellisStore        *store;
  const TrellisDemoOptions *options;
  guint64              base;
  TrellisProgressFunc  progress;
  gpointer             progress_data;
  double               progress_from;
  GCancellable        *cancellable;

  GStringChunk        *strings;
  Dept                *depts;
  guint                n_depts;
  Person              *people;
  guint                n_people;
  GHashTable          *dept_by_id;     /* id → index + 1 */
  GHashTable          *person_by_id;

  int                  year;
  int                  n_days;
  int                  today;           /* day of the year (0 = 1 January) */
  int                  jan1_weekday;    /* 0 = Monday */
  int                  quarter_start[N_QUARTERS + 1];
  int                  half_start[3];
  int                  current_quarter; /* -1: none has started */
  int                  n_quarters;      /* started by today */
  int                  n_halves;
  char               (*dates)[11];      /* "YYYY-MM-DD" per day of the year */
  guint8              *month_of;
  guint8              *day_of;
  char                 year_id[8];
  char                 quarter_ids[N_QUARTERS][12];
  char                 half_ids[2][12];

  int                  ceo;
  int                  company_dept;
  int                  hr_head;         /* files the goals of finished cycles */
  guint                next_goal;
  guint                next_kr;
  int                  goal_width;
  int                  kr_width;
  guint                n_region_staff;

  OwnerPlan           *company;
  OwnerPlan            scratch;        /* one person's quarter, reused */

  /* The seed's dynamic weight rule, on 上海大区's current objective */
  OwnerPlan           *rule_plan;
  OwnerPlan           *quiet_rule_plan;
  GArray              *changes;         /* ChangeRecord */

  TrellisClock        *clock;           /* fixed, moved to each goal's creation */
  double               units_done;
  double               units_total;
  gint64               started;         /* for the phase timings in the debug log */
  gboolean             writing_checkins;
} Gen;

/* Helpers */

static void
format_id (char  *buffer,
           char   prefix,
           int    width,
           guint  number)
{
  g_snprintf (buffer, ID_SIZE, "%c%0*u", prefix, width, number);
}

static void
format_timestamp (Gen  *gen,
                  int   day,
                  int   second,
                  char *buffer)
{
  day = CLAMP (day, 0, gen->n_days - 1);
  g_snprintf (buffer, 24, "%sT%02d:%02d:%02dZ", gen->dates[day],
              second / 3600, (second / 60) % 60, second % 60);
}

/* A working-hours time in Beijing (UTC+8), stored in UTC. */
static int
random_office_second (guint64 *rng)
{
  return 3600 + (int)rng_below (rng, 9 * 3600);
}

static int
weekday_of (Gen *gen,
            int  day)
{
  return (gen->jan1_weekday + day) % 7;
}

static double
round_to (double value,
          int    decimals)
{
  double scale = decimals == 0 ? 1.0 : decimals == 1 ? 10.0 : decimals == 2 ? 100.0 : 1000.0;

  return round (value * scale) / scale;
}

static char *
format_value (double value,
              int    decimals,
              const char *unit)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format = decimals == 0 ? "%.0f" : decimals == 1 ? "%.1f" : "%.2f";

  g_ascii_formatd (number, sizeof number, format, value);
  if (unit == NULL)
    return g_strdup (number);
  if (g_str_equal (unit, "%"))
    return g_strconcat (number, " %", NULL);
  return g_strconcat (number, " ", unit, NULL);
}

static const RoleSpec *
find_role (const char *title)
{
  for (guint i = 0; title != NULL && i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (roles[i].job, title))
      return &roles[i];
  return NULL;
}

static int
lookup_index (GHashTable *table,
              const char *id)
{
  return id ? GPOINTER_TO_INT (g_hash_table_lookup (table, id)) - 1 : -1;
}

static const char *
person_id (Gen *gen,
           int  person)
{
  return person >= 0 ? gen->people[person].id : NULL;
}

/* The manager a goal's owner answers to: the employee's manager; for a
 * department, its head's manager. */
static int
superior_of (Gen *gen,
             int  person)
{
  return person >= 0 ? gen->people[person].manager : -1;
}

/* G_MESSAGES_DEBUG=trellis-demo shows how long each phase took. */
static void
log_phase (Gen        *gen,
           const char *phase)
{
  g_debug ("%s: %.3f s", phase, (g_get_monotonic_time () - gen->started) / (double)G_USEC_PER_SEC);
}

static gboolean
check_cancelled (Gen     *gen,
                 GError **error)
{
  return !g_cancellable_set_error_if_cancelled (gen->cancellable, error);
}

static void
report (Gen *gen)
{
  double fraction;

  if (gen->progress == NULL)
    return;

  fraction = gen->progress_from + (1.0 - gen->progress_from) *
             MIN (gen->units_done / MAX (gen->units_total, 1.0), 1.0);
  gen->progress (fraction, gen->writing_checkins ? _("Writing check-ins") : _("Writing goals"),
                 gen->progress_data);
}

/* Loading */

static gboolean
load_organisation (Gen     *gen,
                   GError **error)
{
  g_autoptr(GArray) depts = g_array_new (FALSE, TRUE, sizeof (Dept));
  g_autoptr(GArray) people = g_array_new (FALSE, TRUE, sizeof (Person));
  g_autoptr(GPtrArray) parent_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) head_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) manager_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) dept_ids = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (gen->store,
                                "SELECT id, name, parent_id, head_id FROM departments ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Dept d = { 0 };
      const char *parent = trellis_stmt_column_text (stmt, 2);
      const char *head = trellis_stmt_column_text (stmt, 3);

      d.id = g_string_chunk_insert_const (gen->strings, trellis_stmt_column_text (stmt, 0));
      d.name = g_string_chunk_insert_const (gen->strings, trellis_stmt_column_text (stmt, 1));
      d.parent = d.head = d.hq_unit = d.region = -1;
      g_array_append_val (depts, d);
      g_ptr_array_add (parent_ids, parent ? g_string_chunk_insert_const (gen->strings, parent) : NULL);
      g_ptr_array_add (head_ids, head ? g_string_chunk_insert_const (gen->strings, head) : NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (gen->store, error, "Could not read the departments");
      return FALSE;
    }

  stmt = trellis_store_prepare (gen->store,
                                "SELECT id, name, title, level, department_id, manager_id, active "
                                "FROM employees ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Person p = { 0 };
      const char *manager = trellis_stmt_column_text (stmt, 5);
      const char *title = trellis_stmt_column_text (stmt, 2);
      const char *level = trellis_stmt_column_text (stmt, 3);

      p.id = g_string_chunk_insert (gen->strings, trellis_stmt_column_text (stmt, 0));
      p.name = g_string_chunk_insert (gen->strings, trellis_stmt_column_text (stmt, 1));
      p.title = title ? g_string_chunk_insert_const (gen->strings, title) : NULL;
      p.level = level ? g_string_chunk_insert_const (gen->strings, level) : NULL;
      p.active = sqlite3_column_int (stmt, 6) != 0;
      g_array_append_val (people, p);
      g_ptr_array_add (dept_ids, g_string_chunk_insert_const (gen->strings, trellis_stmt_column_text (stmt, 4)));
      g_ptr_array_add (manager_ids, manager ? g_string_chunk_insert (gen->strings, manager) : NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (gen->store, error, "Could not read the employees");
      return FALSE;
    }

  gen->n_depts = depts->len;
  gen->depts = (Dept *)(gpointer)g_array_free (g_steal_pointer (&depts), FALSE);
  gen->n_people = people->len;
  gen->people = (Person *)(gpointer)g_array_free (g_steal_pointer (&people), FALSE);

  for (guint i = 0; i < gen->n_depts; i++)
    g_hash_table_insert (gen->dept_by_id, (gpointer)gen->depts[i].id, GINT_TO_POINTER (i + 1));
  for (guint i = 0; i < gen->n_people; i++)
    g_hash_table_insert (gen->person_by_id, (gpointer)gen->people[i].id, GINT_TO_POINTER (i + 1));

  for (guint i = 0; i < gen->n_depts; i++)
    {
      gen->depts[i].parent = lookup_index (gen->dept_by_id, parent_ids->pdata[i]);
      gen->depts[i].head = lookup_index (gen->person_by_id, head_ids->pdata[i]);
    }
  for (guint i = 0; i < gen->n_people; i++)
    {
      gen->people[i].dept = lookup_index (gen->dept_by_id, dept_ids->pdata[i]);
      gen->people[i].manager = lookup_index (gen->person_by_id, manager_ids->pdata[i]);
    }

  return TRUE;
}

/* The ids trellis-demo.c gives: "C", "HQ", "HQ-EXE", "HQ-HR" (and teams
 * "HQ-HR-T01"), regions "R01" with "R01-S" and "R01-V" (teams "R01-S-T01"). */
static void
classify_departments (Gen *gen)
{
  for (guint i = 0; i < gen->n_depts; i++)
    {
      Dept *d = &gen->depts[i];
      const char *id = d->id;

      d->home = i;
      if (g_str_equal (id, "C"))
        d->unit = UNIT_COMPANY;
      else if (g_str_equal (id, "HQ"))
        d->unit = UNIT_HQ;
      else if (g_str_equal (id, "HQ-EXE"))
        d->unit = UNIT_HQ_EXE;
      else if (g_str_has_prefix (id, "HQ-") && strchr (id + 3, '-') == NULL)
        {
          for (guint u = 0; u < G_N_ELEMENTS (hq_units); u++)
            if (g_str_equal (id + 3, hq_units[u].suffix))
              {
                d->unit = UNIT_HQ_DEPARTMENT;
                d->hq_unit = u;
              }
        }
      else if (id[0] == 'R' && g_ascii_isdigit (id[1]) && g_ascii_isdigit (id[2]))
        {
          d->region = (id[1] - '0') * 10 + (id[2] - '0') - 1;
          if (id[3] == '\0')
            d->unit = UNIT_REGION;
          else if (g_str_equal (id + 3, "-S"))
            d->unit = UNIT_SALES;
          else if (g_str_equal (id + 3, "-V"))
            d->unit = UNIT_SERVICE;
        }
    }

  /* Teams work towards the goals of the department above them. */
  for (guint i = 0; i < gen->n_depts; i++)
    {
      Dept *d = &gen->depts[i];

      if (d->unit == UNIT_OTHER && d->parent >= 0)
        {
          Dept *parent = &gen->depts[d->parent];

          d->unit = parent->unit;
          d->hq_unit = parent->hq_unit;
          d->region = parent->region;
          d->home = parent->home;
        }
    }

  for (guint i = 0; i < gen->n_people; i++)
    {
      int d = gen->people[i].dept;

      for (guint guard = 0; d >= 0 && guard <= gen->n_depts; guard++, d = gen->depts[d].parent)
        gen->depts[d].headcount++;
      if (gen->people[i].dept >= 0 && gen->depts[gen->people[i].dept].region >= 0)
        gen->n_region_staff++;
    }
}

static void
init_calendar (Gen *gen)
{
  const TrellisDemoOptions *options = gen->options;
  GDate jan1, date, today;

  gen->year = options->year;
  g_date_clear (&jan1, 1);
  g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, gen->year);
  gen->n_days = g_date_is_leap_year (gen->year) ? 366 : 365;
  gen->jan1_weekday = g_date_get_weekday (&jan1) - 1;

  gen->dates = g_malloc ((gsize)gen->n_days * sizeof *gen->dates);
  gen->month_of = g_new (guint8, gen->n_days);
  gen->day_of = g_new (guint8, gen->n_days);
  date = jan1;
  for (int d = 0; d < gen->n_days; d++)
    {
      g_snprintf (gen->dates[d], 11, "%04d-%02d-%02d", gen->year,
                  g_date_get_month (&date), g_date_get_day (&date));
      gen->month_of[d] = g_date_get_month (&date);
      gen->day_of[d] = g_date_get_day (&date);
      g_date_add_days (&date, 1);
    }

  if (g_date_valid (&options->today))
    today = options->today;
  else
    g_date_set_dmy (&today, 31, G_DATE_DECEMBER, gen->year);
  gen->today = (int)g_date_get_julian (&today) - (int)g_date_get_julian (&jan1);
  gen->today = MIN (gen->today, gen->n_days - 1);

  for (int q = 0; q <= N_QUARTERS; q++)
    {
      GDate start;

      g_date_clear (&start, 1);
      if (q < N_QUARTERS)
        g_date_set_dmy (&start, 1, q * 3 + 1, gen->year);
      else
        g_date_set_dmy (&start, 1, 1, gen->year + 1);
      gen->quarter_start[q] = (int)g_date_get_julian (&start) - (int)g_date_get_julian (&jan1);
    }
  gen->half_start[0] = gen->quarter_start[0];
  gen->half_start[1] = gen->quarter_start[2];
  gen->half_start[2] = gen->quarter_start[4];

  g_snprintf (gen->year_id, sizeof gen->year_id, "%04d", gen->year);
  for (int q = 0; q < N_QUARTERS; q++)
    g_snprintf (gen->quarter_ids[q], sizeof gen->quarter_ids[q], "%04d-Q%d", gen->year, q + 1);
  for (int h = 0; h < 2; h++)
    g_snprintf (gen->half_ids[h], sizeof gen->half_ids[h], "%04d-H%d", gen->year, h + 1);

  gen->current_quarter = -1;
  gen->n_quarters = gen->n_halves = 0;
  for (int q = 0; q < N_QUARTERS; q++)
    if (gen->quarter_start[q] <= gen->today)
      {
        gen->n_quarters = q + 1;
        gen->current_quarter = q;
      }
  for (int h = 0; h < 2; h++)
    if (gen->half_start[h] <= gen->today)
      gen->n_halves = h + 1;
}

static void
set_clock (Gen *gen,
           int  day,
           int  second)
{
  g_autoptr(GDateTime) when = NULL;

  day = CLAMP (day, 0, gen->n_days - 1);
  when = g_date_time_new_utc (gen->year, gen->month_of[day], gen->day_of[day],
                              second / 3600, (second / 60) % 60, second % 60);
  trellis_clock_set_now (gen->clock, when);
}

/* Planning */

static void
owner_plan_reset (OwnerPlan *plan)
{
  GArray *checkins = plan->checkins;
  GArray *actions = plan->actions;

  memset (plan, 0, sizeof *plan);
  plan->checkins = checkins ? checkins : g_array_new (FALSE, FALSE, sizeof (CheckinPlan));
  plan->actions = actions ? actions : g_array_new (FALSE, FALSE, sizeof (ActionPlan));
  g_array_set_size (plan->checkins, 0);
  g_array_set_size (plan->actions, 0);
}

static OwnerPlan *
owner_plan_new (void)
{
  OwnerPlan *plan = g_new0 (OwnerPlan, 1);

  owner_plan_reset (plan);
  return plan;
}

static void
owner_plan_free (OwnerPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->checkins, g_array_unref);
  g_clear_pointer (&plan->actions, g_array_unref);
  g_free (plan);
}

static GoalPlan *
add_goal (Gen              *gen,
          OwnerPlan        *plan,
          const char       *title,
          TrellisOwnerKind  owner_kind,
          int               owner_dept,
          int               owner_person,
          const char       *cycle_id,
          int               cycle_start,
          int               cycle_end,
          double            weight,
          Family            family)
{
  GoalPlan *goal = &plan->goals[plan->n_goals++];

  g_assert (plan->n_goals <= MAX_GOALS);
  memset (goal, 0, sizeof *goal);
  format_id (goal->id, 'G', gen->goal_width, ++gen->next_goal);
  goal->title = title;
  goal->owner_kind = owner_kind;
  goal->owner_dept = owner_dept;
  goal->owner_person = owner_person;
  goal->cycle_id = cycle_id;
  goal->cycle_start = cycle_start;
  goal->cycle_end = cycle_end;
  goal->category = TRELLIS_CATEGORY_BUSINESS;
  goal->origin = TRELLIS_ORIGIN_ASSIGNED;
  goal->weight = weight;
  goal->family = family;
  return goal;
}

/* Adds a key result from @spec with a target drawn from its range (or
 * @target when not 0) and a pace around the owner's. */
static KrPlan *
add_kr (Gen          *gen,
        GoalPlan     *goal,
        guint64      *rng,
        const KrSpec *spec,
        double        target,
        double        weight,
        double        pace)
{
  KrPlan *kr = &goal->krs[goal->n_krs++];

  g_assert (goal->n_krs <= MAX_KRS);
  memset (kr, 0, sizeof *kr);
  format_id (kr->id, 'K', gen->kr_width, ++gen->next_kr);
  kr->title = spec->title;
  kr->unit = spec->unit;
  kr->measure = g_strcmp0 (spec->unit, "%") == 0 ? TRELLIS_MEASURE_PERCENTAGE : TRELLIS_MEASURE_NUMERIC;
  kr->decimals = spec->decimals;
  kr->baseline = round_to (spec->baseline, spec->decimals);
  if (target == 0.0)
    target = spec->target_lo == spec->target_hi ? spec->target_lo
                                                 : rng_range (rng, spec->target_lo, spec->target_hi);
  kr->target = kr->original_target = round_to (target, spec->decimals);
  kr->aspirational = spec->aspirational;
  kr->weight = weight;
  kr->pace = pace * (spec->aspirational ? 0.8 : 1.0) * rng_range (rng, 0.93, 1.07);
  kr->current = kr->baseline;
  kr->confidence = -1;
  kr->last_day = -1;
  return kr;
}

/* Two or three distinct entries of @bank (of @n), in bank order, with
 * weights adding up to 1. */
static guint
pick_krs (guint64 *rng,
          guint    n,
          guint    want,
          guint   *out)
{
  guint chosen = 0;

  want = MIN (want, n);
  for (guint i = 0; i < n && chosen < want; i++)
    if (rng_below (rng, n - i) < want - chosen)
      out[chosen++] = i;
  return chosen;
}

static const double *
kr_weights_for (guint    n,
                guint64 *rng)
{
  static const double one[] = { 1.0 };
  static const double two[][2] = { { 0.6, 0.4 }, { 0.5, 0.5 } };
  static const double three[][3] = { { 0.4, 0.3, 0.3 }, { 0.5, 0.3, 0.2 }, { 0.4, 0.4, 0.2 } };

  if (n <= 1)
    return one;
  if (n == 2)
    return two[rng_below (rng, G_N_ELEMENTS (two))];
  return three[rng_below (rng, G_N_ELEMENTS (three))];
}

/* How a person (or department) is doing this period. */
typedef enum {
  TRAJECTORY_STRONG,
  TRAJECTORY_ON_TRACK,
  TRAJECTORY_BEHIND,
} Trajectory;

static Trajectory
pick_trajectory (guint64 *rng,
                 double  *out_pace)
{
  double r = rng_double (rng);

  /* A few front-runners reach their targets well before the quarter ends. */
  if (r < 0.04)
    {
      *out_pace = rng_range (rng, 1.5, 1.9);
      return TRAJECTORY_STRONG;
    }
  if (r < 0.15)
    {
      *out_pace = rng_range (rng, 1.05, 1.25);
      return TRAJECTORY_STRONG;
    }
  if (r < 0.80)
    {
      *out_pace = rng_range (rng, 0.88, 1.05);
      return TRAJECTORY_ON_TRACK;
    }
  *out_pace = rng_range (rng, 0.45, 0.75);
  return TRAJECTORY_BEHIND;
}

/* Check-in simulation */

static int
compare_checkins_by_time (gconstpointer a,
                          gconstpointer b)
{
  const CheckinPlan *ca = a, *cb = b;

  if (ca->day != cb->day)
    return ca->day < cb->day ? -1 : 1;
  if (ca->second != cb->second)
    return ca->second < cb->second ? -1 : 1;
  if (ca->goal != cb->goal)
    return ca->goal < cb->goal ? -1 : 1;
  return ca->kr < cb->kr ? -1 : ca->kr > cb->kr;
}

/* Key result by key result: the order their ids, and so the indexes, go. */
static int
compare_checkins_by_kr (gconstpointer a,
                        gconstpointer b)
{
  const CheckinPlan *ca = a, *cb = b;

  if (ca->goal != cb->goal)
    return ca->goal < cb->goal ? -1 : 1;
  if (ca->kr != cb->kr)
    return ca->kr < cb->kr ? -1 : 1;
  return compare_checkins_by_time (a, b);
}

static void
schedule (OwnerPlan *plan,
          guint      goal,
          guint      kr,
          int        day,
          int        second)
{
  CheckinPlan c = { goal, kr, day, second, 0, -1, NULL };

  g_array_append_val (plan->checkins, c);
}

static const char *
pick_note (guint64  *rng,
           GoalPlan *goal,
           double    progress,
           double    expected)
{
  int mood;

  if (!rng_chance (rng, 0.5))
    return NULL;
  if (goal->category != TRELLIS_CATEGORY_BUSINESS)
    return development_notes[rng_below (rng, G_N_ELEMENTS (development_notes))];

  mood = progress >= expected * 0.95 ? 0 : progress >= expected * 0.75 ? 1 : 2;
  return notes[goal->family][mood][rng_below (rng, G_N_ELEMENTS (notes[0][0]))];
}

static int
pick_confidence (guint64   *rng,
                 Trajectory trajectory)
{
  switch (trajectory)
    {
    case TRAJECTORY_STRONG:
      return 8 + rng_below (rng, 3);
    case TRAJECTORY_ON_TRACK:
      return 6 + rng_below (rng, 4);
    case TRAJECTORY_BEHIND:
    default:
      return 3 + rng_below (rng, 4);
    }
}

/* Gives every scheduled check-in its value, in time order, and leaves each
 * key result as the store would after those check-ins. Values move
 * forward by at most MAX_STEP of the range at a time; with @abnormal the
 * last check-in of the business objective jumps (or slips back) instead. */
/* Where a key result of @goal should stand at @day: the owner's pace
 * times the share of the cycle gone by, a little ahead of the calendar
 * (pipelines are built early, and it makes up for key results read only
 * every few weeks). */
static double
wanted_progress (const GoalPlan *goal,
                 const KrPlan   *kr,
                 int             day)
{
  double expected = (double)(day - goal->cycle_start + 1) / (goal->cycle_end - goal->cycle_start + 1);

  return kr->pace * MIN (1.0, expected + 0.1);
}

static void
simulate (OwnerPlan  *plan,
          guint64    *rng,
          Trajectory  trajectory,
          gboolean    abnormal)
{
  GArray *checkins = plan->checkins;
  guint n_forced[MAX_GOALS][MAX_KRS] = { { 0 } };
  guint remaining[MAX_GOALS][MAX_KRS] = { { 0 } };
  int last_day[MAX_GOALS][MAX_KRS] = { { 0 } };
  guint odd_one = G_MAXUINT;

  g_array_sort (checkins, compare_checkins_by_time);

  for (guint i = 0; i < checkins->len; i++)
    {
      CheckinPlan *c = &g_array_index (checkins, CheckinPlan, i);

      remaining[c->goal][c->kr]++;
      last_day[c->goal][c->kr] = c->day;
      /* The abnormal one is the last business check-in. */
      if (abnormal && c->goal == 0)
        odd_one = i;
    }

  for (guint i = 0; i < checkins->len; i++)
    {
      CheckinPlan *c = &g_array_index (checkins, CheckinPlan, i);
      GoalPlan *goal = &plan->goals[c->goal];
      KrPlan *kr = &goal->krs[c->kr];
      guint left = remaining[c->goal][c->kr]--;
      double scale = pow (10.0, kr->decimals);
      gint64 base = llround (kr->baseline * scale);
      gint64 target = llround (kr->target * scale);
      gint64 previous = llround (kr->current * scale);
      gint64 range = target > base ? target - base : base - target;
      int sign = target > base ? 1 : -1;
      gint64 max_step = (gint64)floor ((left == 1 ? MAX_STEP : HISTORY_STEP) * range);
      double expected = (double)(c->day - goal->cycle_start + 1) / (goal->cycle_end - goal->cycle_start + 1);
      double wanted;
      gint64 next, step;

      if (kr->forced_step > 0)
        {
          guint n = ++n_forced[c->goal][c->kr];

          wanted = MIN (kr->forced_cap, kr->baseline + kr->forced_step * n);
          next = llround (wanted * scale);
        }
      else if (i == odd_one)
        {
          /* The one that makes "abnormal progress": a jump of 35–50
           * points, or a slip back when there is room to slip. */
          if (previous != base && rng_chance (rng, 0.4))
            {
              gint64 slip = (gint64)floor (rng_range (rng, 0.03, 0.12) * range);
              step = -MAX ((gint64)1, slip);
            }
          else
            step = (gint64)floor (rng_range (rng, 0.35, 0.5) * range) + 1;
          next = previous + sign * step;
          c->note = step > 0 ? "签下大单，一次性完成大部分指标" : "客户退单，数据回调";
        }
      else
        {
          double progress = wanted_progress (goal, kr, c->day) + rng_range (rng, -0.04, 0.04);

          /* The one before the last gets close enough for the last to be
           * an ordinary step. */
          if (left == 2)
            progress = MAX (progress, wanted_progress (goal, kr, last_day[c->goal][c->kr]) - 0.2);

          next = llround ((kr->baseline + progress * (kr->target - kr->baseline)) * scale);
          step = (next - previous) * sign;
          /* Forward only, never more than the limit, and not far past the target. */
          step = CLAMP (step, 0, max_step);
          if ((previous - base) * sign + step > (gint64)(1.35 * range))
            step = MAX (0, (gint64)(1.35 * range) - (previous - base) * sign);
          next = previous + sign * step;
        }

      c->value = next / scale;
      c->confidence = pick_confidence (rng, trajectory);
      if (c->note == NULL)
        c->note = pick_note (rng, goal, (c->value - kr->baseline) / (kr->target - kr->baseline), expected);

      kr->previous = kr->current;
      kr->has_previous = TRUE;
      kr->current = c->value;
      kr->confidence = c->confidence;
      kr->last_day = c->day;
      kr->last_second = c->second;
    }
}

/* The first day on or after @from that falls on @weekday. */
static int
next_weekday (Gen *gen,
              int  from,
              int  weekday)
{
  return from + (weekday - weekday_of (gen, from) + 7) % 7;
}

/* Department and company key results: each is updated every other week by
 * the head, alternating so every objective hears something each week. */
static void
schedule_department (Gen       *gen,
                     OwnerPlan *plan,
                     guint64   *rng,
                     int        weekday,
                     int        last_day)
{
  int first = next_weekday (gen, plan->created_day + 2, weekday);
  guint parity = 0;

  for (guint g = 0; g < plan->n_goals; g++)
    {
      GoalPlan *goal = &plan->goals[g];

      if (goal->state == TRELLIS_GOAL_STATE_DRAFT || goal->state == TRELLIS_GOAL_STATE_RETURNED)
        continue;
      for (guint k = 0; k < goal->n_krs; k++, parity++)
        for (int week = 0, day = first; day <= MIN (last_day, goal->cycle_end); week++, day += 7)
          if ((week + parity) % 2 == 0)
            schedule (plan, g, k, day, random_office_second (rng));
    }
}

/* Workflow */

static void
add_action (OwnerPlan  *plan,
            guint       goal,
            const char *action,
            int         step,
            int         actor,
            int         day,
            int         second,
            const char *comment)
{
  ActionPlan a = { goal, action, step, actor, day, second, comment };

  g_array_append_val (plan->actions, a);
}

/* Sets each goal's state and records the approval history. @approvers are
 * the people of the approval steps in order (one, or two for managers'
 * own goals); HR files a finished period a few days after it ends. */
static void
plan_workflow (Gen            *gen,
               OwnerPlan      *plan,
               guint64        *rng,
               const int      *approvers,
               guint           n_steps,
               int             period_end,
               WorkflowChoice  choice)
{
  int submit_day = plan->created_day + 1 + rng_below (rng, 2);
  int filed_day = period_end + 3 + rng_below (rng, 4);
  int day = submit_day;
  TrellisGoalState state;
  int step = 0;

  if (n_steps == 0)
    choice = WORKFLOW_APPROVED;

  /* Goals of a period HR has closed are simply filed: the step-by-step
   * history is kept for the goals still in play. */
  if (filed_day <= gen->today && gen->hr_head >= 0)
    {
      for (guint g = 0; g < plan->n_goals; g++)
        {
          plan->goals[g].state = TRELLIS_GOAL_STATE_FILED;
          plan->goals[g].approval_step = n_steps > 0 ? (int)n_steps - 1 : 0;
        }
      return;
    }

  if (choice == WORKFLOW_DRAFT || submit_day > gen->today)
    {
      for (guint g = 0; g < plan->n_goals; g++)
        plan->goals[g].state = TRELLIS_GOAL_STATE_DRAFT;
      return;
    }

  for (guint g = 0; g < plan->n_goals; g++)
    add_action (plan, g, "submit", 0, plan->actor, submit_day, random_office_second (rng), NULL);
  state = TRELLIS_GOAL_STATE_SUBMITTED;

  if (choice == WORKFLOW_RETURNED)
    {
      int return_day = submit_day + 1 + rng_below (rng, 3);

      if (return_day <= gen->today)
        {
          /* The business objective goes back; the other one waits. */
          add_action (plan, 0, "return", 0, approvers[0], return_day, random_office_second (rng),
                      returned_comments[rng_below (rng, G_N_ELEMENTS (returned_comments))]);
          for (guint g = 0; g < plan->n_goals; g++)
            plan->goals[g].state = g == 0 ? TRELLIS_GOAL_STATE_RETURNED : TRELLIS_GOAL_STATE_SUBMITTED;
          return;
        }
    }
  else if (choice == WORKFLOW_APPROVED || (choice == WORKFLOW_SUBMITTED && n_steps > 1 && rng_chance (rng, 0.5)))
    {
      guint last = choice == WORKFLOW_APPROVED ? n_steps : 1;

      for (guint s = 0; s < last; s++)
        {
          int second;

          day += 1 + rng_below (rng, 3);
          if (day > gen->today)
            break;
          second = random_office_second (rng);
          for (guint g = 0; g < plan->n_goals; g++)
            add_action (plan, g, "approve", s, approvers[s], day, second, NULL);
          step = s + 1 < n_steps ? (int)s + 1 : (int)s;
          if (s + 1 == n_steps)
            state = TRELLIS_GOAL_STATE_APPROVED;
        }
    }

  for (guint g = 0; g < plan->n_goals; g++)
    {
      plan->goals[g].state = state;
      plan->goals[g].approval_step = step;
    }
}

static gboolean
takes_checkins (GoalPlan *goal)
{
  return goal->state != TRELLIS_GOAL_STATE_DRAFT && goal->state != TRELLIS_GOAL_STATE_RETURNED;
}

/* Company and department goals */

static void
plan_objectives (Gen                 *gen,
                 OwnerPlan           *plan,
                 guint64             *rng,
                 const ObjectiveSpec *specs,
                 guint                n_specs,
                 TrellisOwnerKind     owner_kind,
                 int                  dept,
                 const char          *cycle_id,
                 int                  start,
                 int                  end,
                 const char * const  *parent_krs,
                 double               sales_target,
                 double               pace,
                 Family               family)
{
  for (guint o = 0; o < n_specs; o++)
    {
      const ObjectiveSpec *spec = &specs[o];
      GoalPlan *goal = add_goal (gen, plan, spec->title, owner_kind, dept, -1, cycle_id,
                                 start, end, spec->weight, family);

      goal->description = spec->description;
      if (spec->parent >= 0 && parent_krs != NULL)
        goal->parent_kr = parent_krs[spec->parent];
      /* A region's second objective is about service. */
      if (specs == region_objectives && o == 1)
        goal->family = FAMILY_SERVICE;

      for (guint k = 0; k < spec->n_krs; k++)
        add_kr (gen, goal, rng, &spec->krs[k],
                g_strcmp0 (spec->krs[k].unit, "万元") == 0 ? sales_target : 0.0,
                spec->kr_weights[k], pace);
    }
}

/* The id of the KR at @position (objective * 3 + KR) of @plan, or NULL. */
static const char *
plan_kr_id (OwnerPlan *plan,
            int        position)
{
  guint o = position / 3, k = position % 3;

  if (plan == NULL || plan->n_goals == 0)
    return NULL;
  if (o >= plan->n_goals)
    o = 0;
  if (k >= plan->goals[o].n_krs)
    k = 0;
  return plan->goals[o].krs[k].id;
}

static void
plan_kr_ids (OwnerPlan   *plan,
             const char **out,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    out[i] = plan_kr_id (plan, i);
}

static OwnerPlan *
plan_department (Gen                 *gen,
                 int                  dept,
                 int                  period,
                 const ObjectiveSpec *specs,
                 guint                n_specs,
                 const char          *cycle_id,
                 int                  start,
                 int                  end,
                 const char * const  *parent_krs,
                 double               sales_target,
                 Family               family)
{
  guint64 rng = stream_seed (gen->base, 0x20000000 + dept, period);
  OwnerPlan *plan = owner_plan_new ();
  TrellisOwnerKind kind = gen->depts[dept].unit == UNIT_COMPANY ? TRELLIS_OWNER_COMPANY
                                                                : TRELLIS_OWNER_DEPARTMENT;
  int approver, weekday;
  gboolean current;
  double pace;
  Trajectory trajectory;

  plan->actor = gen->depts[dept].head;
  plan->created_day = start + 1 + (int)rng_below (&rng, 3) + (gen->depts[dept].unit == UNIT_REGION ? 0 : 1);
  plan->created_day = MIN (gen->today, plan->created_day);
  plan->created_second = random_office_second (&rng);
  weekday = rng_below (&rng, 5);

  /* Departments mostly keep pace; the company plan is committed. */
  trajectory = pick_trajectory (&rng, &pace);
  if (trajectory == TRAJECTORY_BEHIND || kind == TRELLIS_OWNER_COMPANY)
    {
      trajectory = TRAJECTORY_ON_TRACK;
      pace = rng_range (&rng, 0.9, 1.02);
    }

  plan_objectives (gen, plan, &rng, specs, n_specs, kind, dept, cycle_id, start, end,
                   parent_krs, sales_target, pace, family);

  /* 上海大区 (seed 004): its A-class signings grow 6 points a check-in to
   * 18 %, past the 15 % that fires the dynamic weight rule; 江苏大区 stays
   * below, so its rule waits. */
  current = gen->today <= end;
  if (gen->depts[dept].unit == UNIT_REGION && current && specs == region_objectives)
    {
      KrPlan *watched = &plan->goals[0].krs[1];

      if (gen->depts[dept].region == 0)
        {
          watched->forced_step = 6.0;
          watched->forced_cap = 18.0;
          gen->rule_plan = plan;
        }
      else if (gen->depts[dept].region == 1)
        {
          watched->pace = MIN (watched->pace, 0.6);
          gen->quiet_rule_plan = plan;
        }
    }

  approver = kind == TRELLIS_OWNER_COMPANY ? gen->ceo : superior_of (gen, plan->actor);
  if (approver < 0)
    approver = gen->ceo;
  plan_workflow (gen, plan, &rng, &approver, 1, end, WORKFLOW_APPROVED);

  schedule_department (gen, plan, &rng, weekday, MIN (gen->today, end));
  simulate (plan, &rng, trajectory, FALSE);
  return plan;
}

static void
plan_departments (Gen *gen)
{
  const char *company_krs[9];
  double quarter_revenue = 140000.0 / N_QUARTERS;   /* 14 亿元 in 万元 */

  gen->company = plan_department (gen, gen->company_dept, 0, company_objectives,
                                  G_N_ELEMENTS (company_objectives), gen->year_id, 0,
                                  gen->n_days - 1, NULL, 0.0, FAMILY_OFFICE);
  plan_kr_ids (gen->company, company_krs, G_N_ELEMENTS (company_krs));

  for (int h = 0; h < gen->n_halves; h++)
    for (guint i = 0; i < gen->n_depts; i++)
      {
        Dept *d = &gen->depts[i];

        if (d->unit != UNIT_HQ_DEPARTMENT || d->home != (int)i || d->head < 0)
          continue;
        d->plans[h] = plan_department (gen, i, h, &hq_units[d->hq_unit].objective, 1,
                                       gen->half_ids[h], gen->half_start[h], gen->half_start[h + 1] - 1,
                                       company_krs, 0.0, FAMILY_OFFICE);
      }

  for (int q = 0; q < gen->n_quarters; q++)
    for (guint i = 0; i < gen->n_depts; i++)
      {
        Dept *region = &gen->depts[i];
        const char *region_krs[6];
        double target;

        if (region->unit != UNIT_REGION || region->head < 0)
          continue;

        /* The region's share of the quarter's revenue, by headcount. */
        target = round (quarter_revenue * region->headcount / MAX (gen->n_region_staff, 1) / 10.0) * 10.0;
        target = MAX (target, 100.0);
        region->plans[q] = plan_department (gen, i, q, region_objectives, G_N_ELEMENTS (region_objectives),
                                            gen->quarter_ids[q], gen->quarter_start[q],
                                            gen->quarter_start[q + 1] - 1, company_krs, target,
                                            FAMILY_SALES);
        plan_kr_ids (region->plans[q], region_krs, G_N_ELEMENTS (region_krs));

        for (guint j = 0; j < gen->n_depts; j++)
          {
            Dept *d = &gen->depts[j];

            if (d->parent != (int)i || d->head < 0)
              continue;
            if (d->unit == UNIT_SALES)
              d->plans[q] = plan_department (gen, j, q, sales_objectives, G_N_ELEMENTS (sales_objectives),
                                             gen->quarter_ids[q], gen->quarter_start[q],
                                             gen->quarter_start[q + 1] - 1, region_krs, target, FAMILY_SALES);
            else if (d->unit == UNIT_SERVICE)
              d->plans[q] = plan_department (gen, j, q, service_objectives,
                                             G_N_ELEMENTS (service_objectives), gen->quarter_ids[q],
                                             gen->quarter_start[q], gen->quarter_start[q + 1] - 1,
                                             region_krs, 0.0, FAMILY_SERVICE);
          }
      }
}

/* Personal goals */

/* The department KR a person's business objective aligns to. */
static const char *
parent_kr_for (Gen            *gen,
               const Person   *person,
               const RoleSpec *role,
               int             quarter,
               guint64        *rng)
{
  Dept *home;
  const char *id = NULL;

  if (person->dept < 0)
    return plan_kr_id (gen->company, COMPANY_KR_REVENUE);
  home = &gen->depts[gen->depts[person->dept].home];

  switch (home->unit)
    {
    case UNIT_SALES:
    case UNIT_SERVICE:
    case UNIT_REGION:
      id = plan_kr_id (home->plans[quarter], role ? role->align_kr : 0);
      /* A department without goals of its own: its region's. */
      if (id == NULL && home->parent >= 0)
        id = plan_kr_id (gen->depts[home->parent].plans[quarter], 0);
      break;

    case UNIT_HQ_DEPARTMENT:
      id = plan_kr_id (home->plans[quarter / 2], rng_below (rng, 3));
      break;

    case UNIT_HQ_EXE:
    case UNIT_COMPANY:
    case UNIT_HQ:
    case UNIT_OTHER:
    default:
      break;
    }

  if (id == NULL)
    id = plan_kr_id (gen->company, role ? role->align_kr : COMPANY_KR_REVENUE);
  return id;
}

/* The key results a person's business objective is drawn from: by job
 * title, or by HQ department. */
static const KrSpec *
bank_for (Gen          *gen,
          const Person *person,
          guint        *out_n)
{
  const RoleSpec *role = find_role (person->title);
  const HqUnitSpec *hq = &hq_units[G_N_ELEMENTS (hq_units) - 1];

  if (role != NULL)
    {
      *out_n = G_N_ELEMENTS (role->bank);
      return role->bank;
    }
  if (person->dept >= 0 && gen->depts[person->dept].hq_unit >= 0)
    hq = &hq_units[gen->depts[person->dept].hq_unit];
  *out_n = G_N_ELEMENTS (hq->bank);
  return hq->bank;
}

/* The first key result of @bank counted up from zero (an amount or a
 * count, what a change request can lower), or -1. */
static int
first_counted_kr (const KrSpec *bank,
                  guint         n)
{
  for (guint i = 0; i < n; i++)
    if (bank[i].baseline == 0.0)
      return i;
  return -1;
}

/* Plans one person's quarter into gen->scratch. Pure in (person, quarter)
 * and the department plans, so the check-in pass can replay it. */
static OwnerPlan *
plan_person (Gen *gen,
             int  index,
             int  quarter)
{
  const Person *person = &gen->people[index];
  OwnerPlan *plan = &gen->scratch;
  guint64 rng = stream_seed (gen->base, index, quarter);
  guint64 person_rng = stream_seed (gen->base, index, 15);
  const RoleSpec *role = find_role (person->title);
  const HqUnitSpec *hq = NULL;
  const KrSpec *bank;
  const char *title;
  int start = gen->quarter_start[quarter];
  int end = gen->quarter_start[quarter + 1] - 1;
  gboolean current = quarter == gen->current_quarter;
  gboolean lagging = FALSE, abnormal = FALSE;
  int approvers[2];
  guint n_steps = 0;
  int stop_day, weekday;
  guint picks[4], n_picks, n_bank;
  const double *weights;
  double pace, business_weight;
  Trajectory trajectory;
  GoalPlan *goal;
  WorkflowChoice choice;
  Family family;

  owner_plan_reset (plan);
  plan->actor = index;
  plan->created_day = start + 3 + (int)rng_below (&rng, 6);
  plan->created_day = MIN (gen->today, plan->created_day);
  plan->created_second = random_office_second (&rng);
  weekday = rng_below (&person_rng, 5);

  bank = bank_for (gen, person, &n_bank);
  if (role != NULL)
    {
      title = role->titles[rng_below (&rng, 2)];
      family = role->family;
    }
  else
    {
      hq = &hq_units[G_N_ELEMENTS (hq_units) - 1];
      if (person->dept >= 0 && gen->depts[person->dept].hq_unit >= 0)
        hq = &hq_units[gen->depts[person->dept].hq_unit];
      title = hq->titles[rng_below (&rng, 2)];
      family = FAMILY_OFFICE;
    }

  trajectory = pick_trajectory (&rng, &pace);
  business_weight = rng_chance (&rng, 0.75) ? 0.8 : 0.7;
  if (current && (person->special & SPECIAL_GOAL_WEIGHTS))
    business_weight = 0.7;

  /* The business objective */
  goal = add_goal (gen, plan, title, TRELLIS_OWNER_EMPLOYEE, -1, index, gen->quarter_ids[quarter],
                   start, end, business_weight, family);
  goal->parent_kr = parent_kr_for (gen, person, role, quarter, &rng);
  n_picks = pick_krs (&rng, n_bank, 2 + rng_below (&rng, 2), picks);
  /* Someone about to ask for a lower target has an amount or a count. */
  if (current && (person->special & SPECIAL_CHANGE))
    {
      int counted = first_counted_kr (bank, n_bank);
      gboolean has = FALSE;

      for (guint i = 0; i < n_picks; i++)
        has |= (int)picks[i] == counted;
      if (counted >= 0 && !has)
        {
          picks[0] = counted;
          for (guint i = 1; i < n_picks && picks[i] <= picks[i - 1]; i++)
            {
              guint swap = picks[i];
              picks[i] = picks[i - 1];
              picks[i - 1] = swap;
            }
        }
    }
  weights = kr_weights_for (n_picks, &rng);
  if (current && (person->special & SPECIAL_KR_WEIGHTS))
    {
      /* A draft someone has not finished: its KR weights add up to 90 %. */
      static const double short2[] = { 0.5, 0.4 };
      static const double short3[] = { 0.4, 0.3, 0.2 };
      weights = n_picks == 2 ? short2 : short3;
    }
  for (guint i = 0; i < n_picks; i++)
    add_kr (gen, goal, &rng, &bank[picks[i]], 0.0, weights[i], pace);

  /* The development or innovation objective */
  if (rng_chance (&rng, 0.05))
    {
      goal = add_goal (gen, plan, innovation_titles[rng_below (&rng, G_N_ELEMENTS (innovation_titles))],
                       TRELLIS_OWNER_EMPLOYEE, -1, index, gen->quarter_ids[quarter], start, end,
                       1.0 - business_weight, family);
      goal->category = TRELLIS_CATEGORY_INNOVATION;
      goal->origin = TRELLIS_ORIGIN_SELF;
      /* Some ideas are nobody's assignment yet: deliberately unaligned. */
      if (!rng_chance (&rng, 0.4))
        goal->parent_kr = plan_kr_id (gen->company, family == FAMILY_SERVICE ? COMPANY_KR_FIRST_FIX
                                                                              : COMPANY_KR_PENETRATION);
      n_picks = pick_krs (&rng, G_N_ELEMENTS (innovation_krs), 1 + rng_below (&rng, 2), picks);
      weights = kr_weights_for (n_picks, &rng);
      for (guint i = 0; i < n_picks; i++)
        add_kr (gen, goal, &rng, &innovation_krs[picks[i]], 0.0, weights[i], pace);
    }
  else
    {
      goal = add_goal (gen, plan, development_titles[rng_below (&rng, G_N_ELEMENTS (development_titles))],
                       TRELLIS_OWNER_EMPLOYEE, -1, index, gen->quarter_ids[quarter], start, end,
                       1.0 - business_weight, family);
      goal->category = TRELLIS_CATEGORY_DEVELOPMENT;
      goal->origin = rng_chance (&rng, 0.4) ? TRELLIS_ORIGIN_SELF : TRELLIS_ORIGIN_ASSIGNED;
      goal->parent_kr = plan_kr_id (gen->company, COMPANY_KR_IDP);
      n_picks = pick_krs (&rng, G_N_ELEMENTS (development_krs), rng_chance (&rng, 0.3) ? 2 : 1, picks);
      weights = kr_weights_for (n_picks, &rng);
      for (guint i = 0; i < n_picks; i++)
        add_kr (gen, goal, &rng, &development_krs[picks[i]], 0.0, weights[i], pace);
    }
  if (current && (person->special & SPECIAL_GOAL_WEIGHTS))
    goal->weight = 0.2;

  /* Approvers: the manager; for managers ("M" levels) also the manager's
   * manager, when there is one. */
  if (person->manager >= 0)
    {
      approvers[n_steps++] = person->manager;
      if (person->level != NULL && person->level[0] == 'M' && gen->people[person->manager].manager >= 0)
        approvers[n_steps++] = gen->people[person->manager].manager;
    }

  choice = WORKFLOW_APPROVED;
  if (current)
    {
      double r = rng_double (&rng);

      choice = r < 0.03 ? WORKFLOW_DRAFT : r < 0.05 ? WORKFLOW_RETURNED
               : r < 0.17 ? WORKFLOW_SUBMITTED : WORKFLOW_APPROVED;
      if (person->special & (SPECIAL_GOAL_WEIGHTS | SPECIAL_CHANGE))
        choice = WORKFLOW_APPROVED;
      if (person->special & SPECIAL_KR_WEIGHTS)
        choice = WORKFLOW_DRAFT;
      lagging = rng_chance (&rng, 0.08);
      abnormal = !lagging && rng_chance (&rng, 0.02);
    }
  plan_workflow (gen, plan, &rng, approvers, n_steps, end, choice);

  /* A lowered target: asked for after two weeks of the quarter, decided
   * (or not yet) a day or two later. */
  if (current && (person->special & SPECIAL_CHANGE) && plan->goals[0].state == TRELLIS_GOAL_STATE_APPROVED &&
      person->manager >= 0)
    {
      GoalPlan *business = &plan->goals[0];
      int earliest = plan->created_day + 14;
      int latest = gen->today - 3;

      for (guint k = 0; k < business->n_krs && plan->change == CHANGE_NONE; k++)
        {
          KrPlan *kr = &business->krs[k];
          double lowered = round_to (kr->target * (1.0 - rng_range (&rng, 0.05, 0.1)), kr->decimals);

          /* Amounts and counts (sales, signings) are what gets renegotiated;
           * a rate from 86 % to 93 % lowered by 7 % would be no goal at all. */
          if (kr->baseline != 0.0 || kr->target <= 0.0 || lowered <= 0.0 || lowered >= kr->target ||
              earliest > latest)
            continue;

          plan->change_kr = k;
          plan->change_old = kr->target;
          plan->change_new = lowered;
          plan->change_reason = change_reasons[rng_below (&rng, G_N_ELEMENTS (change_reasons))];
          plan->change_approver = person->manager;
          plan->change_day = earliest + rng_below (&rng, latest - earliest + 1);
          plan->change_second = random_office_second (&rng);
          plan->decided_day = plan->change_day + 1 + rng_below (&rng, 2);
          plan->decided_second = random_office_second (&rng);
          if (person->special & SPECIAL_CHANGE_REJECTED)
            plan->change = CHANGE_REJECTED;
          else
            plan->change = rng_chance (&rng, 0.55) ? CHANGE_APPROVED : CHANGE_PENDING;

          /* The re-baselined target is what progress is measured against. */
          if (plan->change == CHANGE_APPROVED)
            kr->target = lowered;
        }
    }

  /* The current quarter: a check-in on each objective every week, rotating
   * over its key results (someone lagging stopped two to five weeks ago).
   * Finished quarters keep the monthly reviews: every key result in the
   * last week of each month. */
  stop_day = MIN (end, gen->today);
  if (lagging)
    {
      int stopped = gen->today - 14 - (int)rng_below (&rng, 22);
      stop_day = MIN (stop_day, stopped);
    }

  if (current)
    {
      for (int week = 0, day = next_weekday (gen, plan->created_day + 2, weekday); day <= stop_day; week++, day += 7)
        {
          int second = random_office_second (&rng);

          for (guint g = 0; g < plan->n_goals; g++)
            if (takes_checkins (&plan->goals[g]))
              schedule (plan, g, week % plan->goals[g].n_krs, day, second + 60 * g);
        }
    }
  else if (takes_checkins (&plan->goals[0]))
    {
      for (int month = 1; month <= 3; month++)
        {
          int month_end = month < 3 ? gen->quarter_start[quarter] + month * 31 : end;
          int review, second;

          /* The last day of the month: back from 1 February, 1 March… */
          while (month < 3 && gen->day_of[month_end] != 1)
            month_end--;
          if (month < 3)
            month_end--;
          review = next_weekday (gen, month_end - 6, weekday);
          if (review < plan->created_day + 2 || review > stop_day)
            continue;

          second = random_office_second (&rng);
          for (guint g = 0; g < plan->n_goals; g++)
            for (guint k = 0; k < plan->goals[g].n_krs; k++)
              schedule (plan, g, k, review, second + 60 * (g * MAX_KRS + k));
        }
    }

  simulate (plan, &rng, trajectory, abnormal);
  return plan;
}

/* Picks the people behind the deliberate imperfections of the current
 * quarter: a few weight mistakes for the weight check and about 1 % of
 * people with a goal-change request (exactly one of them refused). */
static void
pick_special_people (Gen     *gen,
                     guint64 *rng)
{
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (int));
  guint n_change;

  if (gen->current_quarter < 0)
    return;

  for (guint i = 0; i < gen->n_people; i++)
    if (gen->people[i].active && (int)i != gen->ceo && gen->people[i].manager >= 0)
      g_array_append_val (eligible, i);
  if (eligible->len < 20)
    return;

  n_change = MAX (2, (guint)lround (eligible->len * 0.01));
  for (guint n = 0, guard = 0; n < 3 + 2 + n_change && guard < 100 * eligible->len; guard++)
    {
      Person *p = &gen->people[g_array_index (eligible, int, rng_below (rng, eligible->len))];

      if (p->special != 0)
        continue;
      if (n >= 5)
        {
          guint n_bank;
          const KrSpec *bank = bank_for (gen, p, &n_bank);

          if (first_counted_kr (bank, n_bank) < 0)
            continue;
        }
      if (n < 3)
        p->special = SPECIAL_GOAL_WEIGHTS;
      else if (n < 5)
        p->special = SPECIAL_KR_WEIGHTS;
      else
        p->special = SPECIAL_CHANGE | (n == 5 ? SPECIAL_CHANGE_REJECTED : 0);
      n++;
    }
}

/* Writing */

/* Rows are written a chunk at a time, several rows per INSERT: most of the
 * cost of a one-row INSERT is opening and closing a cursor on each of the
 * table's indexes (seven for goals). Values wait in cells, text in an
 * arena, until the chunk is full or the buffer is flushed. */

typedef enum {
  CELL_NULL,
  CELL_INT,
  CELL_DOUBLE,
  CELL_TEXT,
} CellType;

typedef struct
{
  CellType type;
  union {
    gint64 integer;
    double number;
    gsize  offset;     /* into the text arena */
  };
} Cell;

#define CHUNK_ROWS 32

typedef struct
{
  TrellisStore *store;
  const char   *prefix;       /* "INSERT INTO t (a, b) VALUES " */
  guint         n_columns;
  GArray       *cells;
  GString      *text;
  char         *sql[CHUNK_ROWS + 1];   /* by number of rows, built when needed */
} RowBuffer;

static void
row_buffer_init (RowBuffer    *buffer,
                 TrellisStore *store,
                 const char   *prefix,
                 guint         n_columns)
{
  memset (buffer, 0, sizeof *buffer);
  buffer->store = store;
  buffer->prefix = prefix;
  buffer->n_columns = n_columns;
  buffer->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), n_columns * CHUNK_ROWS * 2);
  buffer->text = g_string_sized_new (4096);
}

static void
row_buffer_clear (RowBuffer *buffer)
{
  g_clear_pointer (&buffer->cells, g_array_unref);
  if (buffer->text != NULL)
    g_string_free (g_steal_pointer (&buffer->text), TRUE);
  for (guint i = 0; i <= CHUNK_ROWS; i++)
    g_clear_pointer (&buffer->sql[i], g_free);
}

static void
cell_null (RowBuffer *buffer)
{
  Cell cell = { CELL_NULL, { 0 } };

  g_array_append_val (buffer->cells, cell);
}

static void
cell_int (RowBuffer *buffer,
          gint64     value)
{
  Cell cell = { CELL_INT, { .integer = value } };

  g_array_append_val (buffer->cells, cell);
}

static void
cell_double (RowBuffer *buffer,
             double     value)
{
  Cell cell = { CELL_DOUBLE, { .number = value } };

  g_array_append_val (buffer->cells, cell);
}

/* NULL or "" is SQL NULL, as trellis_stmt_bind_text_or_null() has it. */
static void
cell_text (RowBuffer  *buffer,
           const char *text)
{
  Cell cell = { CELL_TEXT, { .offset = buffer->text->len } };

  if (text == NULL || *text == '\0')
    {
      cell_null (buffer);
      return;
    }
  g_string_append_len (buffer->text, text, strlen (text) + 1);
  g_array_append_val (buffer->cells, cell);
}

static const char *
row_buffer_sql (RowBuffer *buffer,
                guint      n_rows)
{
  if (buffer->sql[n_rows] == NULL)
    {
      GString *sql = g_string_new (buffer->prefix);

      for (guint r = 0; r < n_rows; r++)
        {
          g_string_append (sql, r > 0 ? ", (?" : "(?");
          for (guint c = 1; c < buffer->n_columns; c++)
            g_string_append (sql, ", ?");
          g_string_append_c (sql, ')');
        }
      buffer->sql[n_rows] = g_string_free (sql, FALSE);
    }
  return buffer->sql[n_rows];
}

static gboolean
row_buffer_flush (RowBuffer  *buffer,
                  GError    **error)
{
  guint n_rows = buffer->cells->len / buffer->n_columns;
  guint done = 0;

  g_assert (buffer->cells->len % buffer->n_columns == 0);

  while (done < n_rows)
    {
      guint n = MIN (n_rows - done, CHUNK_ROWS);
      sqlite3_stmt *stmt = trellis_store_prepare (buffer->store, row_buffer_sql (buffer, n), error);

      if (stmt == NULL)
        return FALSE;

      for (guint i = 0; i < n * buffer->n_columns; i++)
        {
          const Cell *cell = &g_array_index (buffer->cells, Cell, done * buffer->n_columns + i);

          switch (cell->type)
            {
            case CELL_INT:
              sqlite3_bind_int64 (stmt, i + 1, cell->integer);
              break;
            case CELL_DOUBLE:
              sqlite3_bind_double (stmt, i + 1, cell->number);
              break;
            case CELL_TEXT:
              sqlite3_bind_text (stmt, i + 1, buffer->text->str + cell->offset, -1, SQLITE_STATIC);
              break;
            case CELL_NULL:
            default:
              break;    /* trellis_store_prepare() cleared the bindings */
            }
        }

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          trellis_store_set_error (buffer->store, error, "Could not write the demo goals");
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
      done += n;
    }

  g_array_set_size (buffer->cells, 0);
  g_string_truncate (buffer->text, 0);
  return TRUE;
}

typedef struct
{
  RowBuffer goals;
  RowBuffer krs;
  RowBuffer approvals;
  RowBuffer notices;
  RowBuffer checkins;
} Rows;

static void
open_rows (Gen  *gen,
           Rows *s)
{
  row_buffer_init (&s->goals, gen->store,
                   "INSERT INTO goals (id, kind, title, description, owner_kind, department_id,"
                   " employee_id, cycle_id, parent_goal_id, parent_kr_id, category, origin,"
                   " weight, original_weight, status, approval_step, position, created_at) VALUES ", 18);
  row_buffer_init (&s->krs, gen->store,
                   "INSERT INTO key_results (id, goal_id, title, measure, baseline, target,"
                   " original_target, current, unit, commitment, weight, original_weight,"
                   " position, last_checkin_at, previous_value, confidence) VALUES ", 16);
  row_buffer_init (&s->approvals, gen->store,
                   "INSERT INTO goal_approvals (goal_id, action, step, actor_id, comment, at) VALUES ", 6);
  row_buffer_init (&s->notices, gen->store,
                   "INSERT INTO notices (goal_id, recipient_id, at, message) VALUES ", 4);
  row_buffer_init (&s->checkins, gen->store,
                   "INSERT INTO checkins (key_result_id, value, confidence, note, author_id, at) VALUES ", 6);
}

static void
close_rows (Rows *s)
{
  row_buffer_clear (&s->goals);
  row_buffer_clear (&s->krs);
  row_buffer_clear (&s->approvals);
  row_buffer_clear (&s->notices);
  row_buffer_clear (&s->checkins);
}

/* Parents before children, so the deferred foreign keys never wait. */
static gboolean
flush_rows (Rows    *s,
            GError **error)
{
  return row_buffer_flush (&s->goals, error) &&
         row_buffer_flush (&s->krs, error) &&
         row_buffer_flush (&s->approvals, error) &&
         row_buffer_flush (&s->notices, error) &&
         row_buffer_flush (&s->checkins, error);
}

static gboolean
step (Gen           *gen,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      trellis_store_set_error (gen->store, error, "Could not write the demo goals");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
write_notice (Gen         *gen,
              Rows        *s,
              const char  *goal_id,
              int          recipient,
              int          day,
              int          second,
              const char  *message,
              GError     **error)
{
  char at[24];

  format_timestamp (gen, day, second, at);
  cell_text (&s->notices, goal_id);
  cell_text (&s->notices, person_id (gen, recipient));
  cell_text (&s->notices, at);
  cell_text (&s->notices, message);
  return TRUE;
}

static gboolean
write_change_request (Gen           *gen,
                      Rows          *s,
                      ChangeRecord  *change,
                      GError       **error)
{
  g_autofree char *old_text = format_value (change->old_value, change->decimals, change->unit);
  g_autofree char *new_text = format_value (change->new_value, change->decimals, change->unit);
  g_autofree char *message = NULL;
  const char *approver = person_id (gen, change->approver);
  const char *note = NULL;
  sqlite3_stmt *stmt;
  char at[24], decided[24];
  gint64 id;

  /* Asked by the owner… */
  format_timestamp (gen, change->day, change->second, at);
  set_clock (gen, change->day, change->second);
  trellis_store_set_actor (gen->store, person_id (gen, change->requester));
  stmt = trellis_store_prepare (gen->store,
                                "INSERT INTO change_requests (goal_id, key_result_id, field, old_value,"
                                " new_value, reason, requested_by, requested_at, approver_id) "
                                "VALUES (?1, ?2, 'target', ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->goal_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->kr_id, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, change->old_value);
  sqlite3_bind_double (stmt, 4, change->new_value);
  sqlite3_bind_text (stmt, 5, change->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, person_id (gen, change->requester), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, approver, -1, SQLITE_STATIC);
  if (!step (gen, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (trellis_store_get_handle (gen->store));

  if (change->outcome == CHANGE_PENDING)
    return TRUE;

  /* …decided by the approver: the audit trail records who and when. */
  format_timestamp (gen, change->decided_day, change->decided_second, decided);
  set_clock (gen, change->decided_day, change->decided_second);
  trellis_store_set_actor (gen->store, approver);

  if (change->outcome == CHANGE_APPROVED)
    {
      stmt = trellis_store_prepare (gen->store, "UPDATE key_results SET target = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, change->kr_id, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 2, change->new_value);
      if (!step (gen, stmt, error))
        return FALSE;
      message = g_strdup_printf ("%s批准了你将“%s”的目标值从 %s 调整为 %s 的申请。",
                                 gen->people[change->approver].name, change->kr_title, old_text, new_text);
    }
  else
    {
      note = "请先与大区总监沟通资源支持，本季度暂不调整目标";
      message = g_strdup_printf ("%s未批准你将“%s”的目标值从 %s 调整为 %s 的申请。备注：%s",
                                 gen->people[change->approver].name, change->kr_title, old_text, new_text,
                                 note);
    }

  stmt = trellis_store_prepare (gen->store,
                                "UPDATE change_requests SET status = ?2, decided_at = ?3, decision_note = ?4 "
                                "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, change->outcome == CHANGE_APPROVED ? "approved" : "rejected", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, decided, -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 4, note);
  if (!step (gen, stmt, error))
    return FALSE;

  return write_notice (gen, s, change->goal_id, change->requester, change->decided_day,
                       change->decided_second, message, error);
}

/* The goals of one owner and period, their key results as the check-ins
 * will leave them, the approval history and any change request. */
static gboolean
write_goals (Gen         *gen,
             Rows        *s,
             OwnerPlan   *plan,
             GError     **error)
{
  char created[24];

  format_timestamp (gen, plan->created_day, plan->created_second, created);

  for (guint g = 0; g < plan->n_goals; g++)
    {
      GoalPlan *goal = &plan->goals[g];
      RowBuffer *b = &s->goals;

      cell_text (b, goal->id);
      cell_text (b, "objective");
      cell_text (b, goal->title);
      cell_text (b, goal->description);
      cell_text (b, trellis_owner_kind_to_string (goal->owner_kind));
      cell_text (b, goal->owner_kind == TRELLIS_OWNER_EMPLOYEE ? NULL : gen->depts[goal->owner_dept].id);
      cell_text (b, goal->owner_kind == TRELLIS_OWNER_EMPLOYEE ? gen->people[goal->owner_person].id : NULL);
      cell_text (b, goal->cycle_id);
      cell_null (b);
      cell_text (b, goal->parent_kr);
      cell_text (b, trellis_goal_category_to_string (goal->category));
      cell_text (b, trellis_goal_origin_to_string (goal->origin));
      cell_double (b, goal->weight);
      cell_double (b, goal->weight);
      cell_text (b, trellis_goal_state_to_string (goal->state));
      cell_int (b, goal->approval_step);
      cell_int (b, g);
      cell_text (b, created);

      for (guint k = 0; k < goal->n_krs; k++)
        {
          KrPlan *kr = &goal->krs[k];
          char last[24];
          /* An approved change request writes the lowered target itself. */
          gboolean lowered_later = g == 0 && plan->change == CHANGE_APPROVED && k == plan->change_kr;

          b = &s->krs;
          cell_text (b, kr->id);
          cell_text (b, goal->id);
          cell_text (b, kr->title);
          cell_text (b, trellis_measure_to_string (kr->measure));
          cell_double (b, kr->baseline);
          cell_double (b, lowered_later ? kr->original_target : kr->target);
          cell_double (b, kr->original_target);
          cell_double (b, kr->current);
          cell_text (b, kr->unit);
          cell_text (b, kr->aspirational ? "aspirational" : "committed");
          cell_double (b, kr->weight);
          cell_double (b, kr->weight);
          cell_int (b, k);
          if (kr->last_day >= 0)
            {
              format_timestamp (gen, kr->last_day, kr->last_second, last);
              cell_text (b, last);
            }
          else
            cell_null (b);
          if (kr->has_previous)
            cell_double (b, kr->previous);
          else
            cell_null (b);
          if (kr->confidence >= 0)
            cell_int (b, kr->confidence);
          else
            cell_null (b);
        }
    }

  for (guint i = 0; i < plan->actions->len; i++)
    {
      ActionPlan *a = &g_array_index (plan->actions, ActionPlan, i);
      GoalPlan *goal = &plan->goals[a->goal];
      char at[24];

      format_timestamp (gen, a->day, a->second, at);
      cell_text (&s->approvals, goal->id);
      cell_text (&s->approvals, a->action);
      cell_int (&s->approvals, a->step);
      cell_text (&s->approvals, person_id (gen, a->actor));
      cell_text (&s->approvals, a->comment);
      cell_text (&s->approvals, at);

      if (g_str_equal (a->action, "return"))
        {
          g_autofree char *message = g_strdup_printf ("%s退回了目标“%s”，请修改后重新提交：%s",
                                                      gen->people[a->actor].name, goal->title, a->comment);

          if (!write_notice (gen, s, goal->id, plan->actor, a->day, a->second, message, error))
            return FALSE;
        }
    }

  if (plan->change != CHANGE_NONE)
    {
      GoalPlan *goal = &plan->goals[0];
      KrPlan *kr = &goal->krs[plan->change_kr];
      ChangeRecord change = { { 0 } };

      memcpy (change.goal_id, goal->id, ID_SIZE);
      memcpy (change.kr_id, kr->id, ID_SIZE);
      change.kr_title = kr->title;
      change.unit = kr->unit;
      change.decimals = kr->decimals;
      change.old_value = plan->change_old;
      change.new_value = plan->change_new;
      change.reason = plan->change_reason;
      change.requester = plan->actor;
      change.approver = plan->change_approver;
      change.day = plan->change_day;
      change.second = plan->change_second;
      change.decided_day = plan->decided_day;
      change.decided_second = plan->decided_second;
      change.outcome = plan->change;
      g_array_append_val (gen->changes, change);
    }

  return TRUE;
}

static gboolean
write_checkins (Gen         *gen,
                Rows        *s,
                OwnerPlan   *plan,
                GError     **error)
{
  const char *author = person_id (gen, plan->actor);

  g_array_sort (plan->checkins, compare_checkins_by_kr);

  for (guint i = 0; i < plan->checkins->len; i++)
    {
      CheckinPlan *c = &g_array_index (plan->checkins, CheckinPlan, i);
      char at[24];

      format_timestamp (gen, c->day, c->second, at);
      cell_text (&s->checkins, plan->goals[c->goal].krs[c->kr].id);
      cell_double (&s->checkins, c->value);
      cell_int (&s->checkins, c->confidence);
      cell_text (&s->checkins, c->note);
      cell_text (&s->checkins, author);
      cell_text (&s->checkins, at);
    }

  if (s->checkins.cells->len >= 8 * CHUNK_ROWS * s->checkins.n_columns)
    return row_buffer_flush (&s->checkins, error);
  return TRUE;
}

/* The seed 004 rule on 上海大区's current objective, fired by the check-in
 * that took A-class signing growth past 15 %, and a quieter one for 江苏大区
 * that has not fired. Written like trellis_weight_rule_run_for() would. */
static gboolean
write_weight_rules (Gen         *gen,
                    Rows        *s,
                    GError     **error)
{
  OwnerPlan *plans[] = { gen->rule_plan, gen->quiet_rule_plan };
  guint n_rules = 0;

  for (guint r = 0; r < G_N_ELEMENTS (plans); r++)
    {
      OwnerPlan *plan = plans[r];
      GoalPlan *goal;
      KrPlan *watched, *target;
      sqlite3_stmt *stmt;
      g_autofree char *name = NULL;
      g_autofree char *explanation = NULL;
      char id[ID_SIZE];
      int fired_day = -1, fired_second = 0;
      double observed = 0;

      if (plan == NULL || plan->n_goals == 0 || plan->goals[0].n_krs < 3)
        continue;
      goal = &plan->goals[0];
      watched = &goal->krs[1];
      target = &goal->krs[2];
      g_snprintf (id, sizeof id, "WR%06u", ++n_rules);
      name = g_strdup_printf ("%s：A类客户签约增长带动新客户转化", gen->depts[goal->owner_dept].name);
      explanation = g_strdup_printf ("%sA类客户新增签约增长超过15%%，按动态权重规则将“%s”的权重由25%%提升至35%%，"
                                     "请区域经理重点跟进新客户首单。", gen->depts[goal->owner_dept].name, target->title);

      stmt = trellis_store_prepare (gen->store,
                                    "INSERT INTO weight_rules (id, name, watch_kr_id, metric, comparison, threshold,"
                                    " target_kr_id, new_weight, explanation) "
                                    "VALUES (?1, ?2, ?3, 'value', '>', 15, ?4, 0.35, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, watched->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, target->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, explanation, -1, SQLITE_STATIC);
      if (!step (gen, stmt, error))
        return FALSE;

      /* Did a check-in of the watched KR pass the threshold? The first one does. */
      for (guint i = 0; i < plan->checkins->len && fired_day < 0; i++)
        {
          CheckinPlan *c = &g_array_index (plan->checkins, CheckinPlan, i);

          if (c->goal == 0 && c->kr == 1 && c->value > 15.0)
            {
              fired_day = c->day;
              fired_second = c->second;
              observed = c->value;
            }
        }

      if (fired_day >= 0)
        {
          double weights[MAX_KRS];
          g_autofree char *observed_text = format_value (observed, watched->decimals, watched->unit);
          g_autofree char *message = NULL;
          char at[24];

          format_timestamp (gen, fired_day, fired_second, at);
          set_clock (gen, fired_day, fired_second);
          trellis_store_set_actor (gen->store, NULL);

          stmt = trellis_store_prepare (gen->store, "UPDATE weight_rules SET fired_at = ?2 WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
          if (!step (gen, stmt, error))
            return FALSE;

          for (guint k = 0; k < goal->n_krs; k++)
            weights[k] = goal->krs[k].weight;
          trellis_okr_renormalise (weights, goal->n_krs, 2, 0.35);
          for (guint k = 0; k < goal->n_krs; k++)
            {
              stmt = trellis_store_prepare (gen->store, "UPDATE key_results SET weight = ?2 WHERE id = ?1", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_text (stmt, 1, goal->krs[k].id, -1, SQLITE_STATIC);
              sqlite3_bind_double (stmt, 2, weights[k]);
              if (!step (gen, stmt, error))
                return FALSE;
            }

          message = g_strdup_printf ("%s“%s”为 %s（> 15 %%）：“%s”的权重由 25 %% 提升至 35 %%；"
                                     "其余关键结果按比例调整，合计仍为 100 %%。",
                                     explanation, watched->title, observed_text, target->title);
          if (!write_notice (gen, s, goal->id, plan->actor, fired_day, fired_second, message, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_meta (Gen     *gen,
            GError **error)
{
  sqlite3_stmt *stmt = trellis_store_prepare (gen->store,
                                              "INSERT OR REPLACE INTO workspace_meta (key, value) "
                                              "VALUES ('demo-today', ?1)", error);
  int today = MAX (gen->today, 0);

  if (stmt == NULL)
    return FALSE;
  if (gen->today < 0)
    {
      g_autofree char *before = g_strdup_printf ("%04d-12-31", gen->year - 1);
      sqlite3_bind_text (stmt, 1, before, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_text (stmt, 1, gen->dates[today], -1, SQLITE_STATIC);
  return step (gen, stmt, error);
}

static int
digits (guint64 n)
{
  int d = 1;

  while (n >= 10)
    {
      n /= 10;
      d++;
    }
  return d;
}

/* People who get personal goals: everyone active but the CEO, who owns the
 * company's. */
static gboolean
has_personal_goals (Gen *gen,
                    int  index)
{
  return gen->people[index].active && index != gen->ceo;
}

static gboolean
write_people (Gen         *gen,
              Rows        *s,
              gboolean     checkins,
              GError     **error)
{
  guint done = 0;

  gen->writing_checkins = checkins;
  for (guint i = 0; i < gen->n_people; i++)
    {
      if (!has_personal_goals (gen, i))
        continue;

      for (int q = 0; q < gen->n_quarters; q++)
        {
          OwnerPlan *plan = plan_person (gen, i, q);

          if (!(checkins ? write_checkins (gen, s, plan, error) : write_goals (gen, s, plan, error)))
            return FALSE;
          gen->units_done++;
        }

      if (!checkins && s->goals.cells->len >= 4 * CHUNK_ROWS * s->goals.n_columns &&
          !flush_rows (s, error))
        return FALSE;

      if (++done % 256 == 0)
        {
          if (!check_cancelled (gen, error))
            return FALSE;
          report (gen);
        }
    }

  report (gen);
  return flush_rows (s, error);
}

/* The rows the audit triggers would have written for the goals, key results
 * and approvals just inserted in bulk: the same columns, as the owner (a
 * department's head) at creation time. One statement each instead of a
 * trigger per row makes the demo several times faster. */
static gboolean
write_audit_trail (Gen     *gen,
                   GError **error)
{
  static const char * const statements[] = {
    "INSERT INTO audit_log (at, actor_id, entity, entity_id, action, new_value)"
    " SELECT g.created_at, coalesce (g.employee_id, d.head_id), 'goal', g.id, 'create', g.title"
    " FROM goals g LEFT JOIN departments d ON d.id = g.department_id ORDER BY g.id",
    "INSERT INTO audit_log (at, actor_id, entity, entity_id, action, new_value)"
    " SELECT g.created_at, coalesce (g.employee_id, d.head_id), 'key_result', k.id, 'create', k.title"
    " FROM key_results k JOIN goals g ON g.id = k.goal_id"
    " LEFT JOIN departments d ON d.id = g.department_id ORDER BY k.id",
    "INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, new_value)"
    " SELECT at, actor_id, 'goal', goal_id, action, 'step ' || step, comment FROM goal_approvals ORDER BY id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!trellis_store_exec (gen->store, statements[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
write_department_goals (Gen         *gen,
                        Rows        *s,
                        gboolean     checkins,
                        GError     **error)
{
  if (!(checkins ? write_checkins (gen, s, gen->company, error) : write_goals (gen, s, gen->company, error)))
    return FALSE;

  /* HQ departments by half, then regions with their departments by quarter:
   * the order their ids were given in. */
  for (int h = 0; h < gen->n_halves; h++)
    for (guint i = 0; i < gen->n_depts; i++)
      {
        OwnerPlan *plan = gen->depts[i].plans[h];

        if (gen->depts[i].unit != UNIT_HQ_DEPARTMENT || plan == NULL)
          continue;
        if (!(checkins ? write_checkins (gen, s, plan, error) : write_goals (gen, s, plan, error)))
          return FALSE;
      }

  for (int q = 0; q < gen->n_quarters; q++)
    for (guint i = 0; i < gen->n_depts; i++)
      {
        OwnerPlan *plan = gen->depts[i].plans[q];

        if (gen->depts[i].unit == UNIT_HQ_DEPARTMENT || plan == NULL)
          continue;
        if (!(checkins ? write_checkins (gen, s, plan, error) : write_goals (gen, s, plan, error)))
          return FALSE;
      }

  return flush_rows (s, error);
}

static gboolean
generate (Gen     *gen,
          GError **error)
{
  sqlite3 *db = trellis_store_get_handle (gen->store);
  Rows s;
  guint first_person_goal, first_person_kr;
  guint n_people_with_goals = 0;
  int triggers = 1;
  gboolean ok;

  classify_departments (gen);
  init_calendar (gen);

  gen->ceo = lookup_index (gen->person_by_id, "E000001");
  gen->company_dept = lookup_index (gen->dept_by_id, "C");
  if (gen->ceo < 0 || gen->company_dept < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The demo goals need the demo organisation (company “C”, CEO “E000001”)");
      return FALSE;
    }
  {
    int hr = lookup_index (gen->dept_by_id, "HQ-HR");
    gen->hr_head = hr >= 0 && gen->depts[hr].head >= 0 ? gen->depts[hr].head : gen->ceo;
  }

  if (!write_meta (gen, error))
    return FALSE;
  if (gen->n_quarters == 0)
    return TRUE;

  for (guint i = 0; i < gen->n_people; i++)
    n_people_with_goals += has_personal_goals (gen, i);
  /* Wide enough ids that byte order is creation order. */
  gen->goal_width = MAX (6, digits (64 + (guint64)(n_people_with_goals + gen->n_depts) * 2 * N_QUARTERS));
  gen->kr_width = MAX (6, digits (64 + (guint64)(n_people_with_goals + gen->n_depts) * 6 * N_QUARTERS));
  gen->units_total = 2.0 * n_people_with_goals * gen->n_quarters + 1;

  {
    guint64 special = stream_seed (gen->base, 0x30000000, 0);
    pick_special_people (gen, &special);
  }

  report (gen);
  plan_departments (gen);
  log_phase (gen, "planned the departments");

  /* Bulk rows go in without the per-row audit triggers (see
   * write_audit_trail()); what follows them, with. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &triggers);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);

  open_rows (gen, &s);
  ok = write_department_goals (gen, &s, FALSE, error);
  if (ok)
    {
      first_person_goal = gen->next_goal;
      first_person_kr = gen->next_kr;
      log_phase (gen, "wrote the department goals");
      ok = write_people (gen, &s, FALSE, error);
      log_phase (gen, "wrote the personal goals");
    }

  /* The check-ins: the same owners in the same order, replayed. */
  if (ok)
    {
      gen->writing_checkins = TRUE;
      report (gen);
      ok = write_department_goals (gen, &s, TRUE, error);
    }
  if (ok)
    {
      gen->next_goal = first_person_goal;
      gen->next_kr = first_person_kr;
      ok = write_people (gen, &s, TRUE, error);
      log_phase (gen, "wrote the check-ins");
    }
  ok = ok && write_audit_trail (gen, error);
  log_phase (gen, "wrote the audit trail");

  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers, NULL);

  for (guint i = 0; ok && i < gen->changes->len; i++)
    ok = write_change_request (gen, &s, &g_array_index (gen->changes, ChangeRecord, i), error);
  ok = ok && write_weight_rules (gen, &s, error) && flush_rows (&s, error);
  close_rows (&s);
  if (!ok)
    return FALSE;

  gen->units_done = gen->units_total;
  report (gen);
  return TRUE;
}

/* The KR library and templates HR starts from (seed 002 §4: goals drafted
 * from templates and a library of key results), scoped to quarterly goals
 * of individual contributors (levels P…). */
typedef struct {
  const char        *key;
  const char        *title;
  TrellisMeasure     measure;
  double             baseline;
  double             target;
  const char        *unit;
  TrellisCommitment  commitment;
} LibrarySpec;

static const LibrarySpec library_specs[] = {
  { "sales", "季度销售额", TRELLIS_MEASURE_NUMERIC, 0, 120, "万元", TRELLIS_COMMITMENT_COMMITTED },
  { "a-class", "A类客户新增签约", TRELLIS_MEASURE_NUMERIC, 0, 4, "家", TRELLIS_COMMITMENT_COMMITTED },
  { "conversion", "新客户首单转化率", TRELLIS_MEASURE_PERCENTAGE, 20, 35, NULL, TRELLIS_COMMITMENT_ASPIRATIONAL },
  { "visits", "重点医院拜访次数", TRELLIS_MEASURE_NUMERIC, 0, 36, "次", TRELLIS_COMMITMENT_COMMITTED },
  { "response", "设备故障平均响应时间", TRELLIS_MEASURE_NUMERIC, 8, 4, "小时", TRELLIS_COMMITMENT_COMMITTED },
  { "first-fix", "工单一次修复率", TRELLIS_MEASURE_PERCENTAGE, 78, 88, NULL, TRELLIS_COMMITMENT_COMMITTED },
  { "satisfaction", "客户满意度", TRELLIS_MEASURE_PERCENTAGE, 86, 92, NULL, TRELLIS_COMMITMENT_ASPIRATIONAL },
  { "courses", "完成认证课程", TRELLIS_MEASURE_NUMERIC, 0, 2, "门", TRELLIS_COMMITMENT_COMMITTED },
  { "case", "输出一篇案例复盘", TRELLIS_MEASURE_MILESTONE, 0, 1, NULL, TRELLIS_COMMITMENT_COMMITTED },
};

static const struct {
  const char          *name;
  const char          *title;
  TrellisGoalCategory  category;
  const char          *keys[3];
  double               weights[3];
} template_specs[] = {
  { "销售代表季度目标", "提升负责区域的销售业绩与客户覆盖", TRELLIS_CATEGORY_BUSINESS,
    { "sales", "a-class", "conversion" }, { 0.4, 0.3, 0.3 } },
  { "服务工程师季度目标", "提升设备服务时效与客户满意度", TRELLIS_CATEGORY_BUSINESS,
    { "response", "first-fix", "satisfaction" }, { 0.4, 0.3, 0.3 } },
  { "个人发展目标", "提升专业能力，沉淀可复用的经验", TRELLIS_CATEGORY_DEVELOPMENT,
    { "courses", "case", NULL }, { 0.6, 0.4, 0 } },
};

static gboolean
write_library_and_templates (TrellisStore  *store,
                             GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (library_specs); i++)
    {
      const LibrarySpec *spec = &library_specs[i];
      TrellisLibraryKeyResult item = {
        .title = (char *)spec->title,
        .measure = spec->measure,
        .baseline = spec->baseline,
        .target = spec->target,
        .unit = (char *)spec->unit,
        .commitment = spec->commitment,
        .level = (char *)"P",
        .cycle_kind = (char *)"quarter",
      };
      char *id = trellis_goal_template_add_library_key_result (store, &item, error);

      if (id == NULL)
        return FALSE;
      g_hash_table_insert (ids, (gpointer)spec->key, id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (template_specs); i++)
    {
      g_autoptr(GPtrArray) krs = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *id = NULL;
      TrellisGoalTemplate template_ = {
        .name = (char *)template_specs[i].name,
        .level = (char *)"P",
        .cycle_kind = (char *)"quarter",
        .kind = TRELLIS_GOAL_OBJECTIVE,
        .title = (char *)template_specs[i].title,
        .category = template_specs[i].category,
      };

      for (guint k = 0; k < G_N_ELEMENTS (template_specs[i].keys) && template_specs[i].keys[k]; k++)
        {
          TrellisTemplateKeyResult *kr = g_new0 (TrellisTemplateKeyResult, 1);

          kr->library_id = g_hash_table_lookup (ids, template_specs[i].keys[k]);
          kr->weight = template_specs[i].weights[k];
          g_ptr_array_add (krs, kr);
        }
      template_.key_results = krs;

      id = trellis_goal_template_add (store, &template_, error);
      if (id == NULL)
        return FALSE;
    }

  return TRUE;
}

gboolean
trellis_demo_goals_generate (TrellisStore             *store,
                             const TrellisDemoOptions *options,
                             guint64                  *rng,
                             TrellisProgressFunc       progress,
                             gpointer                  progress_data,
                             double                    progress_from,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  g_autoptr(TrellisClock) saved_clock = NULL;
  g_autoptr(GDateTime) epoch = NULL;
  g_autofree char *saved_actor = NULL;
  Gen gen = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (rng != NULL, FALSE);
  g_return_val_if_fail (trellis_store_in_transaction (store), FALSE);

  gen.store = store;
  gen.options = options;
  gen.base = rng_next (rng);
  gen.progress = progress;
  gen.progress_data = progress_data;
  gen.progress_from = CLAMP (progress_from, 0.0, 1.0);
  gen.cancellable = cancellable;
  gen.strings = g_string_chunk_new (64 * 1024);
  gen.dept_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gen.person_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gen.changes = g_array_new (FALSE, FALSE, sizeof (ChangeRecord));
  gen.started = g_get_monotonic_time ();

  /* The audit triggers read the store's clock and actor: while the change
   * requests and the weight rule are written they say when and who; the
   * caller's are put back afterwards. */
  saved_clock = g_object_ref (trellis_store_get_clock (store));
  saved_actor = g_strdup (trellis_store_get_actor (store));
  epoch = g_date_time_new_utc (options->year, 1, 1, 0, 0, 0);
  gen.clock = trellis_clock_new_fixed (epoch);
  trellis_store_set_clock (store, gen.clock);

  ok = check_cancelled (&gen, error) &&
       load_organisation (&gen, error) &&
       generate (&gen, error) &&
       write_library_and_templates (store, error);

  trellis_store_set_clock (store, saved_clock);
  trellis_store_set_actor (store, saved_actor);

  owner_plan_free (gen.company);
  for (guint i = 0; i < gen.n_depts; i++)
    for (guint p = 0; p < N_QUARTERS; p++)
      owner_plan_free (gen.depts[i].plans[p]);
  g_clear_pointer (&gen.scratch.checkins, g_array_unref);
  g_clear_pointer (&gen.scratch.actions, g_array_unref);
  g_clear_object (&gen.clock);
  g_free (gen.depts);
  g_free (gen.people);
  g_free (gen.dates);
  g_free (gen.month_of);
  g_free (gen.day_of);
  g_array_unref (gen.changes);
  g_hash_table_unref (gen.dept_by_id);
  g_hash_table_unref (gen.person_by_id);
  g_string_chunk_free (gen.strings);

  return ok;
}
