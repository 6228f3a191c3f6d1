import { ApiProperty } from '@nestjs/swagger';

export class ViewerDto {
  @ApiProperty({ description: 'The Salesforce User Id the token was signed for.', example: '005000000000001AAA' })
  userId: string;

  @ApiProperty({ example: 'Dana Whitfield' })
  name: string;

  @ApiProperty({
    description: "The user's role (UserRoleId); null outside the role hierarchy.",
    example: '00E000000000002AAA',
    nullable: true,
    type: String,
  })
  roleId: string | null;

  @ApiProperty({ description: 'Holds Pulse_View_All_Data: sees every record.', example: false })
  viewAll: boolean;

  @ApiProperty({
    description: 'Users whose records this viewer sees (themselves and everyone in the roles below); null: everyone.',
    example: ['005000000000001AAA', '005000000000007AAA'],
    nullable: true,
    type: [String],
  })
  visibleUserIds: readonly string[] | null;
}
