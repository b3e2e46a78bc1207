// Property types, [MS-OXCDATA] 2.11.1 as used by [MS-PST] 2.3.3.

export const PropType = {
  Int16: 0x0002,
  Int32: 0x0003,
  Float32: 0x0004,
  Float64: 0x0005,
  Currency: 0x0006,
  AppTime: 0x0007,
  ErrorCode: 0x000a,
  Boolean: 0x000b,
  Object: 0x000d,
  Int64: 0x0014,
  String8: 0x001e,
  Unicode: 0x001f,
  SysTime: 0x0040,
  Guid: 0x0048,
  ServerId: 0x00fb,
  Restriction: 0x00fd,
  RuleAction: 0x00fe,
  Binary: 0x0102,
  MultiInt16: 0x1002,
  MultiInt32: 0x1003,
  MultiFloat32: 0x1004,
  MultiFloat64: 0x1005,
  MultiCurrency: 0x1006,
  MultiAppTime: 0x1007,
  MultiInt64: 0x1014,
  MultiString8: 0x101e,
  MultiUnicode: 0x101f,
  MultiSysTime: 0x1040,
  MultiGuid: 0x1048,
  MultiBinary: 0x1102,
} as const;

/** Fixed-size types stored inline (≤ 4 bytes) in a PC/TC, [MS-PST] 2.3.3.3. */
export function fixedSize(type: number): number | undefined {
  switch (type) {
    case PropType.Int16:
      return 2;
    case PropType.Boolean:
      return 1;
    case PropType.Int32:
    case PropType.Float32:
    case PropType.ErrorCode:
      return 4;
    case PropType.Float64:
    case PropType.Currency:
    case PropType.AppTime:
    case PropType.Int64:
    case PropType.SysTime:
      return 8;
    case PropType.Guid:
      return 16;
    default:
      return undefined;
  }
}
